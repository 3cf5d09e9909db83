import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDailyUsage } from '../../sample/daily-usage.js';
import { renderFiles } from '../../sample/wire-files.js';

// Checks the bundled sample against the published figures it must reproduce
// (OpenRouter data as reported in Feb–Mar 2026; see sample/README.md). Reads the JSON directly,
// with its own tiny country map, so it does not depend on the application code it helps test.

const DATA = fileURLToPath(new URL('../../sample/data/', import.meta.url));
const T = 1e12;
const FIRST_DAY = '2025-12-29';
const LAST_DAY = '2026-03-08';

interface WireRow {
  date: string;
  model_permaslug: string;
  total_tokens: string;
}
interface RankingsBody {
  data: WireRow[];
  meta: { as_of: string; version: string; start_date: string; end_date: string };
}
interface WireModel {
  id: string;
  canonical_slug: string;
  name: string;
  created: number;
  pricing: { prompt: string; completion: string; input_cache_read?: string };
}

const readJson = <V>(path: string): V => JSON.parse(readFileSync(`${DATA}${path}`, 'utf8')) as V;
const rankingsFiles = readdirSync(`${DATA}rankings-daily`).sort();
const rankings = rankingsFiles.map((file) => readJson<RankingsBody>(`rankings-daily/${file}`));
const snapshotDays = readdirSync(`${DATA}models`)
  .map((file) => file.replace(/\.json$/, ''))
  .sort();
const snapshots = new Map(snapshotDays.map((day) => [day, readJson<{ data: WireModel[] }>(`models/${day}.json`).data]));

// The lab → country attribution of shared/design/openrouter.md, for the labs the sample uses.
const CN = ['deepseek', 'qwen', 'moonshotai', 'minimax', 'z-ai', 'xiaomi', 'stepfun', 'bytedance-seed'];
const US = ['openai', 'anthropic', 'google', 'x-ai', 'meta-llama', 'nvidia', 'arcee-ai'];
const countryOf = (permaslug: string): string | null => {
  const lab = permaslug.split('/')[0] ?? '';
  return CN.includes(lab) ? 'CN' : US.includes(lab) ? 'US' : null;
};

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysFrom = (start: string, end: string): string[] => {
  const days: string[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) days.push(day);
  return days;
};
// 2026-W01 starts on FIRST_DAY, so the week number is a plain day count.
const weekOf = (day: string): string => {
  const index = Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${FIRST_DAY}T00:00:00Z`)) / (7 * 86_400_000));
  return `2026-W${String(index + 1).padStart(2, '0')}`;
};

/** Newest `as_of` wins per (date, permaslug), as the store must do. */
const current = new Map<string, { row: WireRow; asOf: string }>();
for (const body of rankings) {
  for (const row of body.data) {
    const key = `${row.date} ${row.model_permaslug}`;
    const held = current.get(key);
    if (!held || held.asOf < body.meta.as_of) current.set(key, { row, asOf: body.meta.as_of });
  }
}
const rows = [...current.values()].map(({ row }) => ({ ...row, tokens: Number(row.total_tokens) }));

const weekly = new Map<string, Map<string, number>>();
for (const row of rows) {
  const week = weekly.get(weekOf(row.date)) ?? new Map<string, number>();
  weekly.set(weekOf(row.date), week);
  week.set(row.model_permaslug, (week.get(row.model_permaslug) ?? 0) + row.tokens);
}
const week = (label: string): Map<string, number> => weekly.get(label) ?? new Map();
const countryTotal = (label: string, country: string): number =>
  [...week(label)].filter(([slug]) => slug !== 'other' && countryOf(slug) === country).reduce((sum, [, t]) => sum + t, 0);
const total = (label: string): number => [...week(label).values()].reduce((a, b) => a + b, 0);
const ranked = (label: string): [string, number][] =>
  [...week(label)].filter(([slug]) => slug !== 'other').sort((a, b) => b[1] - a[1]);

/** Within ±0.5% of a published figure. */
function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.005);
}

/** Latest snapshot fetched on or before `day`. */
function catalogAsOf(day: string): WireModel[] {
  const fetched = snapshotDays.filter((d) => d <= day).at(-1);
  return fetched === undefined ? [] : (snapshots.get(fetched) ?? []);
}
const perMillion = (price: string | undefined): number => Number(price) * 1e6;

const M25 = 'minimax/minimax-m2.5-20260211';
const KIMI = 'moonshotai/kimi-k2.5-0127';
const GLM5 = 'z-ai/glm-5-20260211';
const DSV32 = 'deepseek/deepseek-v3.2-20251201';

describe('sample rankings-daily files', () => {
  it('are OpenRouter wire bodies with decimal-string token counts', () => {
    expect(rankings.length).toBeGreaterThanOrEqual(3);
    for (const body of rankings) {
      expect(body.meta.version).toBe('v1');
      expect(body.meta.as_of).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      for (const row of body.data) {
        expect(row.total_tokens).toMatch(/^[1-9]\d*$/);
        expect(row.date >= body.meta.start_date && row.date <= body.meta.end_date).toBe(true);
      }
    }
  });

  it('hold at most 50 model rows plus one `other` row per day, `other` last with 5–8% of the day', () => {
    for (const body of rankings) {
      const byDay = new Map<string, WireRow[]>();
      for (const row of body.data) byDay.set(row.date, [...(byDay.get(row.date) ?? []), row]);
      for (const [day, dayRows] of byDay) {
        const others = dayRows.filter((row) => row.model_permaslug === 'other');
        expect(others, day).toHaveLength(1);
        expect(dayRows.at(-1)?.model_permaslug, day).toBe('other');
        expect(dayRows.length - 1, day).toBeLessThanOrEqual(50);
        expect(new Set(dayRows.map((row) => row.model_permaslug)).size, day).toBe(dayRows.length);
        const dayTotal = dayRows.reduce((sum, row) => sum + Number(row.total_tokens), 0);
        const share = Number(others[0]?.total_tokens) / dayTotal;
        expect(share, day).toBeGreaterThanOrEqual(0.05);
        expect(share, day).toBeLessThanOrEqual(0.08);
      }
    }
  });

  it('cover every day of 2026-W01..W10, with the newest as_of after the last day', () => {
    const present = new Set(rows.map((row) => row.date));
    expect([...present].sort()).toEqual(daysFrom(FIRST_DAY, LAST_DAY));
    const newest = rankings.map((body) => body.meta.as_of).sort().at(-1) ?? '';
    expect(newest > `${LAST_DAY}T23:59:59Z`).toBe(true);
  });

  it('include a restated overlap where the newer as_of carries different figures', () => {
    const seen = new Map<string, string>();
    let restated = 0;
    for (const body of [...rankings].sort((a, b) => a.meta.as_of.localeCompare(b.meta.as_of))) {
      for (const row of body.data) {
        const key = `${row.date} ${row.model_permaslug}`;
        const before = seen.get(key);
        if (before !== undefined && before !== row.total_tokens) {
          restated++;
          expect(current.get(key)?.row.total_tokens).toBe(row.total_tokens);
        }
        seen.set(key, row.total_tokens);
      }
    }
    expect(restated).toBeGreaterThanOrEqual(2);
  });
});

describe('published figures', () => {
  it('W06: CN 2.27T with US above it', () => {
    expectNear(countryTotal('2026-W06', 'CN'), 2.27 * T);
    expect(countryTotal('2026-W06', 'US')).toBeGreaterThan(countryTotal('2026-W06', 'CN'));
  });

  it('W07: CN 4.12T vs US 2.94T, the first week CN is ahead', () => {
    expectNear(countryTotal('2026-W07', 'CN'), 4.12 * T);
    expectNear(countryTotal('2026-W07', 'US'), 2.94 * T);
    for (let w = 1; w <= 6; w++) {
      const label = `2026-W0${w}`;
      expect(countryTotal(label, 'US'), label).toBeGreaterThan(countryTotal(label, 'CN'));
    }
    for (const label of ['2026-W07', '2026-W08', '2026-W09', '2026-W10']) {
      expect(countryTotal(label, 'CN'), label).toBeGreaterThan(countryTotal(label, 'US'));
    }
  });

  it('W08: CN 5.16T vs US 2.70T', () => {
    expectNear(countryTotal('2026-W08', 'CN'), 5.16 * T);
    expectNear(countryTotal('2026-W08', 'US'), 2.7 * T);
  });

  it('W07: the platform grows 3.21T, MiniMax M2.5 (tokens from Feb 13) has 1.44T', () => {
    expectNear(total('2026-W07') - total('2026-W06'), 3.21 * T);
    expectNear(week('2026-W07').get(M25) ?? 0, 1.44 * T);
    const first = (slug: string): string | undefined =>
      rows.filter((row) => row.model_permaslug === slug).map((row) => row.date).sort()[0];
    expect(first(M25)).toBe('2026-02-13');
    expect(first(GLM5)).toBe('2026-02-12');
    expect(first(KIMI)).toBe('2026-01-27');
  });

  it('W08: the top five are M2.5, Kimi K2.5, GLM-5, DeepSeek V3.2 and a US model; the four hold 85.7%', () => {
    const top5 = ranked('2026-W08').slice(0, 5);
    expect(top5.slice(0, 4).map(([slug]) => slug)).toEqual([M25, KIMI, GLM5, DSV32]);
    expect(countryOf(top5[4]?.[0] ?? '')).toBe('US');
    const four = top5.slice(0, 4).reduce((sum, [, t]) => sum + t, 0);
    const five = top5.reduce((sum, [, t]) => sum + t, 0);
    expectNear(four / five, 0.857);
    expectNear(week('2026-W08').get(GLM5) ?? 0, 0.8 * T);
  });
});

describe('sample /models snapshots', () => {
  it('raise GLM-5 input from $0.30 to $0.95 between the snapshots bracketing W08 and W09 ends', () => {
    const glm = (day: string) => catalogAsOf(day).find((model) => model.id === 'z-ai/glm-5');
    expect(glm('2026-02-22')?.pricing.prompt).toBe('0.0000003');
    expect(glm('2026-03-01')?.pricing.prompt).toBe('0.00000095');
    expect(glm('2026-03-01')?.pricing.completion).toBe('0.00000255');
  });

  it('list models only from their release', () => {
    const firstListed = (id: string) => snapshotDays.find((day) => snapshots.get(day)?.some((model) => model.id === id));
    expect(firstListed('minimax/minimax-m2.5')).toBe('2026-02-13');
    expect(firstListed('z-ai/glm-5')).toBe('2026-02-12');
    expect(firstListed('moonshotai/kimi-k2.5')).toBe('2026-01-27');
  });

  it('carry the published list prices, and -1 for the auto router', () => {
    const latest = catalogAsOf('2026-03-08');
    const price = (id: string): [number, number] => {
      const model = latest.find((m) => m.id === id);
      return [perMillion(model?.pricing.prompt), perMillion(model?.pricing.completion)];
    };
    const cases: [string, number, number][] = [
      ['minimax/minimax-m2.5', 0.3, 1.1],
      ['moonshotai/kimi-k2.5', 0.45, 2.2],
      ['deepseek/deepseek-v3.2', 0.25, 0.4],
      ['anthropic/claude-opus-4.6', 5, 25],
      ['anthropic/claude-sonnet-4.5', 3, 15],
      ['google/gemini-3-flash-preview', 0.5, 3],
      ['z-ai/glm-5', 0.95, 2.55],
    ];
    for (const [id, input, output] of cases) {
      const [gotIn, gotOut] = price(id);
      expect(gotIn, id).toBeCloseTo(input, 9);
      expect(gotOut, id).toBeCloseTo(output, 9);
    }
    expect(latest.find((m) => m.id === 'openrouter/auto')?.pricing.prompt).toBe('-1');
  });

  it('join every permaslug by canonical slug except the deliberate stealth, delisted and date-suffix cases', () => {
    const listed = [...snapshots.values()].flat();
    const joins = (permaslug: string): boolean => {
      const [base, variant] = permaslug.split(':');
      return listed.some((m) => m.canonical_slug === base && (variant === undefined ? !m.id.includes(':') : m.id.endsWith(`:${variant}`)));
    };
    const unjoined = [...new Set(rows.map((row) => row.model_permaslug))].filter((slug) => slug !== 'other' && !joins(slug));
    expect(unjoined.sort()).toEqual([
      'anthropic/claude-3.5-sonnet-20240620',
      'deepseek/deepseek-v3.1-terminus-20250922',
      'mistralai/devstral-2512:free',
      'openrouter/pony-alpha',
    ]);
    const ids = new Set(listed.map((m) => m.id));
    expect(ids.has('anthropic/claude-3.5-sonnet')).toBe(true);
    expect(ids.has('deepseek/deepseek-v3.1-terminus')).toBe(true);
  });
});

describe('sample/data as a whole', () => {
  it('is exactly what sample/generate.ts writes', () => {
    const files = renderFiles(buildDailyUsage());
    const onDisk = [...rankingsFiles.map((f) => `rankings-daily/${f}`), ...snapshotDays.map((d) => `models/${d}.json`)];
    expect(onDisk.sort()).toEqual([...files.keys()].sort());
    for (const [path, content] of files) expect(readFileSync(`${DATA}${path}`, 'utf8'), path).toBe(content);
  });

  it('stays under 2 MB', () => {
    const size = [...rankingsFiles.map((f) => `rankings-daily/${f}`), ...snapshotDays.map((d) => `models/${d}.json`)]
      .map((path) => statSync(`${DATA}${path}`).size)
      .reduce((a, b) => a + b, 0);
    expect(size).toBeLessThan(2 * 1024 * 1024);
  });
});
