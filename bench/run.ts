// `npm run bench`: speed and memory figures for what the product promises (see README).
// Prints medians and percentiles; nothing here asserts, so a slow machine never fails CI.
// Sections: `npm run bench -- commands slack` runs only those; BENCH_SKIP=backfill,discord skips some.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COUNTRY_MAP } from '../src/core/identity.js';
import { buildLookupIndex, lookupModel, suggestModels, type LookupEntry } from '../src/core/lookup.js';
import { buildWeeklyMarket } from '../src/core/market.js';
import { detectSignals } from '../src/core/signals.js';
import { DEFAULT_THRESHOLDS } from '../src/core/thresholds.js';
import type { Brief } from '../src/core/types.js';
import { isoWeekOf, latestCompleteWeek } from '../src/core/week.js';
import { renderBrief } from '../src/render/brief.js';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import { buildBrief } from '../src/jobs/brief.js';
import { benchBackfill } from './backfill.js';
import { benchCommands } from './commands.js';
import { catalog, yearOfRows } from './data.js';
import { dueTick } from './due.js';
import { benchFanout, benchReplicaFanout, printFanout, printReplicaFanout } from './fanout.js';
import { benchStoreTick } from './tick.js';
import { benchBotProcess } from './load.js';
import { MARKET_DAYS, MARKET_MODELS, marketStore } from './market-store.js';

const SECTIONS = ['pipeline', 'lookup', 'backfill', 'due', 'tick', 'fanout', 'charts', 'commands', 'rss', 'slack', 'discord'] as const;
type Section = (typeof SECTIONS)[number];
const asked = process.argv.slice(2);
const skipped = (process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim());
for (const name of [...asked, ...skipped.filter(Boolean)]) {
  if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown bench section '${name}': one of ${SECTIONS.join(', ')}`);
}
const wanted = (section: Section): boolean => (asked.length === 0 || asked.includes(section)) && !skipped.includes(section);


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(label: string, samplesMs: number[]): void {
  const s = [...samplesMs].sort((a, b) => a - b);
  const f = (n: number) => (n < 1 ? `${(n * 1000).toFixed(1)} µs` : `${n.toFixed(2)} ms`);
  console.log(`${label}: n=${s.length} median ${f(percentile(s, 50))}, p95 ${f(percentile(s, 95))}, p99 ${f(percentile(s, 99))}, max ${f(s[s.length - 1] ?? NaN)}`);
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// 1. Year of rows → weekly market + signals + the brief in every format.
if (wanted('pipeline')) {
  const rows = yearOfRows(catalog);
  const lastDay = rows[rows.length - 1]!.date;
  const week = latestCompleteWeek(lastDay);
  const previousCatalog = catalog.slice(5).map((m, i) => (i % 7 === 0 ? { ...m, price: { ...m.price, output: (m.price.output ?? 0) * 1.2 } } : m));
  const run = () => {
    const market = buildWeeklyMarket({ week, rows, catalog, countries: DEFAULT_COUNTRY_MAP });
    const signals = detectSignals({ market, catalog, previousCatalog, thresholds: DEFAULT_THRESHOLDS });
    const modelNames = Object.fromEntries(catalog.map((m) => [m.id, m.name]));
    const brief: Brief = { market, signals, source: 'bench', restatements: [], modelNames };
    for (const format of ['text', 'slack', 'discord', 'json'] as const) renderBrief(brief, format);
  };
  for (let i = 0; i < 5; i++) run();
  const samples = Array.from({ length: 50 }, () => time(run));
  console.log(`pipeline input: ${rows.length} rows (${isoWeekOf(rows[0]!.date)}..${isoWeekOf(lastDay)}), catalog ${catalog.length} models, brief week ${week}`);
  summary('year → market + signals + brief in 4 formats (target: median < 100 ms)', samples);
}

// 1b. The same year through the real path: SQLite store → brief job → render.
if (wanted('pipeline')) {
  const rows = yearOfRows(catalog);
  const store = openSqliteStore(':memory:');
  await store.migrate();
  await store.claimSource('file:bench');
  await store.saveUsage({ rows, asOf: rows[rows.length - 1]!.asOf, startDate: rows[0]!.date, endDate: rows[rows.length - 1]!.date, dropped: 0 });
  await store.saveCatalog({ fetchedOn: '2025-03-01', models: catalog });
  const run = async () => {
    const brief = await buildBrief(store, { countries: DEFAULT_COUNTRY_MAP, thresholds: DEFAULT_THRESHOLDS });
    for (const format of ['text', 'slack', 'discord', 'json'] as const) renderBrief(brief, format);
  };
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  summary('same year via SQLite store → brief job → 4 formats', samples);
  await store.close();
}

// 2. /price lookup over the real 344-model catalog, 10,000 mixed queries.
if (wanted('lookup')) {
  const entries: LookupEntry[] = catalog.map((m, i) => ({ id: m.id, name: m.name, canonicalSlug: m.canonicalSlug, tokens: (catalog.length - i) * 1e9 }));
  const index = buildLookupIndex(entries);
  const exact = catalog.slice(0, 40).map((m) => m.id);
  const names = ['kimi', 'm2.5', 'opus', 'sonnet 4.5', 'glm 5', 'deepseek', 'gemini flash', 'gpt-5', 'qwen3', 'grok', 'llama 3.3', 'mistral'];
  const typos = ['kimmi', 'deepsek v3.2', 'sonet 4.5', 'gemni 3 flash', 'mistrl', 'qwenn', 'claud opus'];
  const unknown = ['xyz', 'qqqqq', 'not a model at all', ''];
  const mix = [...exact, ...names, ...names, ...typos, ...typos, ...unknown];
  for (let i = 0; i < 500; i++) lookupModel(index, mix[i % mix.length]!);
  const samples: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const query = mix[(i * 7919) % mix.length]!;
    samples.push(time(() => lookupModel(index, query)));
  }
  summary(`/price lookup over ${catalog.length} models, 10,000 mixed queries (target: p99 < 0.5 ms)`, samples);

  // Discord autocomplete: every keystroke of the names people type, 25 suggestions each.
  const keystrokes = [...names, ...typos].flatMap((q) => Array.from({ length: q.length + 1 }, (_, i) => q.slice(0, i)));
  const typed: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const query = keystrokes[i % keystrokes.length]!;
    typed.push(time(() => suggestModels(index, query, 25)));
  }
  summary(`autocomplete (25 suggestions) per keystroke, 10,000 keystrokes (Discord allows 3 s)`, typed);
}

// 3. A year's backfill into SQLite and into Postgres: time and statements (round trips for Postgres).
if (wanted('backfill')) await benchBackfill();

// 4. The minute tick's due decision over 10,000 subscriptions.
for (const mix of wanted('due') ? (['teams', 'distinct'] as const) : []) {
  const tick = dueTick(10_000, mix);
  for (let i = 0; i < 5; i++) tick();
  summary(`minute tick: due decision for 10,000 subscriptions, ${mix === 'teams' ? 'typical schedules' : 'every schedule distinct'} (target: < 50 ms)`, Array.from({ length: 50 }, () => time(tick)));
}

// 5. Charts: both kinds drawn from the bundled sample (Vega-Lite → SVG → resvg PNG), and the memory
// the chart stack adds to a process once it has drawn (module code, fonts, caches).
if (wanted('charts')) {
  const { createSampleSource } = await import('../src/adapters/source/sample.js');
  const { ingest } = await import('../src/jobs/ingest.js');
  const { loadChart } = await import('../src/jobs/chart.js');
  const { silentLogger } = await import('../src/core/ports/logger.js');
  const store = openSqliteStore(':memory:');
  await store.migrate();
  await ingest(createSampleSource(), store, silentLogger);
  const data = {
    share: await loadChart(store, { kind: 'share', week: '2026-W10', weeks: 12, countries: DEFAULT_COUNTRY_MAP }),
    top: await loadChart(store, { kind: 'top', week: '2026-W10', weeks: 12, countries: DEFAULT_COUNTRY_MAP }),
  };
  const memory = () => {
    global.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    return { rss, heapUsed };
  };
  const before = memory();
  const { renderChart } = await import('../src/adapters/chart/render.js');
  const timeAsync = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const first = await timeAsync(() => renderChart(data.share));
  for (const kind of ['share', 'top'] as const) {
    for (let i = 0; i < 3; i++) await renderChart(data[kind]);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) samples.push(await timeAsync(() => renderChart(data[kind])));
    summary(`${kind} chart → 1200×675 PNG (target: median < 150 ms)`, samples);
  }
  const after = memory();
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
  console.log(`charts: first chart (loads Vega and resvg) ${first.toFixed(0)} ms; memory added after 66 charts: rss +${mb(after.rss - before.rss)}, heap +${mb(after.heapUsed - before.heapUsed)}${global.gc ? '' : ' (run with --expose-gc for steadier heap figures)'}`);
  await store.close();
}

// 5–8. The realistic store (≈300 real catalog models × ≈700 days): per-command CPU with the week cache
// off and on, then the real bot process on it: idle memory, Slack and Discord under load.
if (wanted('commands') || wanted('rss') || wanted('slack') || wanted('discord')) {
  const dir = mkdtempSync(join(tmpdir(), 'tokenbrief-bench-'));
  // A file source with nothing in it: the bot's refresh finds no data, so it serves the store as generated.
  const source = `file:${join(dir, 'no-data')}`;
  try {
    const started = Date.now();
    const { store, rows } = await marketStore(join(dir, 'market.db'), source);
    console.log(`realistic store: ${MARKET_MODELS} catalog models × ${MARKET_DAYS} days, ${rows} usage rows, generated in ${Date.now() - started} ms`);
    if (wanted('commands')) await benchCommands(store);
    await store.close();
    if (wanted('rss') || wanted('slack') || wanted('discord')) {
      await benchBotProcess(join(dir, 'market.db'), source, { rss: wanted('rss'), slack: wanted('slack'), discord: wanted('discord') });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 9. The minute tick through the store: subscriptions (re-read only when changed) and ledger heads from a SQLite file.
if (wanted('tick')) {
  const { samples, due } = await benchStoreTick(10_000, 50);
  summary(`minute tick: read the store + decide, 10,000 subscriptions in SQLite, ${due} actions due (target: median < 50 ms)`, samples);
}

// 10. One brief to many Slack and Discord channels through the real posters and fakes enforcing the
// platforms' limits (see bench/fanout.ts). BENCH_FANOUT_CHANNELS sets the channels per platform.
// Then the same by two replicas sharing one Postgres database (and the platforms' limits).
if (wanted('fanout')) {
  const perPlatform = Number(process.env.BENCH_FANOUT_CHANNELS ?? 1000);
  printFanout(await benchFanout(perPlatform));
  printReplicaFanout(await benchReplicaFanout(perPlatform));
}
