import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/ports/logger.js';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import type { Store } from '../../src/core/ports/store.js';
import { DEFAULT_COUNTRY_MAP } from '../../src/core/identity.js';
import { pickHeadline } from '../../src/core/signals.js';
import type { Signal, SignalKind } from '../../src/core/signals.types.js';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds.js';
import type { Brief, UsageRow } from '../../src/core/types.js';
import { buildBrief } from '../../src/jobs/brief.js';
import { ingest } from '../../src/jobs/ingest.js';
import { briefView } from '../../src/render/brief-view.js';
import { renderBrief } from '../../src/render/brief.js';
import { openStore } from '../../src/wiring.js';

// The bundled sample through the real pipeline (source → store → market → signals → brief), read
// the way a Monday reader reads it: the headline must be the week's story, and nothing false may fire.

const COMPARISONS: SignalKind[] = ['country_crossover', 'overtake', 'new_entry', 'rank_move', 'surge', 'slump', 'exit'];

let store: Store;

beforeAll(async () => {
  store = await openStore(':memory:');
  await ingest(createSampleSource(), store, silentLogger);
});
afterAll(() => store.close());

const briefOf = (week: string) => buildBrief(store, { week, countries: DEFAULT_COUNTRY_MAP, thresholds: DEFAULT_THRESHOLDS });
const headlineOf = async (week: string) => briefView(await briefOf(week), 'text').headline;

describe('sample headlines', () => {
  it('W07 leads with the CN/US crossover', async () => {
    expect(await headlineOf('2026-W07')).toBe('Chinese models passed US models: 4.12T vs 2.94T tokens');
  });

  it('W08 leads with GLM-5 climbing to #3, not a newcomer at #8', async () => {
    expect(await headlineOf('2026-W08')).toBe('GLM 5 climbed from #8 to #3');
  });

  it('W09 leads with the GLM-5 input price hike', async () => {
    expect(await headlineOf('2026-W09')).toBe('Price hike: GLM 5 input $0.30 → $0.95 (+217%)');
  });

  it('W10 leads with GPT-5.4 entering at #6', async () => {
    expect(await headlineOf('2026-W10')).toBe('GPT-5.4 entered the top 10 at #6');
  });

  it('the headline is the first signal of the brief, as every format and the JSON order them', async () => {
    for (const week of ['2026-W06', '2026-W07', '2026-W08', '2026-W09', '2026-W10']) {
      const brief = await briefOf(week);
      expect(pickHeadline(brief.signals, brief.market), week).toBe(brief.signals[0]);
    }
  });
});

describe('sample signals a reader can trust', () => {
  it('W01, the first week of data, fires no comparison and says so', async () => {
    const brief = await briefOf('2026-W01');
    expect(brief.signals.filter((s) => COMPARISONS.includes(s.kind))).toEqual([]);
    expect(briefView(brief, 'text').headline).toBe('First week of data: 3.77T tokens; Claude Sonnet 4.5 leads with 12.3%');
  });

  it('W07 tells MiniMax M2.5 taking #1 once, and shows Opus 4.6 surging among the movers', async () => {
    const brief = await briefOf('2026-W07');
    const text = renderBrief(brief, 'text');
    expect(text).toContain('- MiniMax M2.5 entered at #1, passing Kimi K2.5');
    expect(text.match(/MiniMax M2\.5 (entered|is the new)/g)).toHaveLength(1);
    expect(text).toContain('- Claude Opus 4.6 surged +115% to 495B tokens (from 230B)');
    expect(briefView(brief, 'text').movers?.more).toBe(0);
  });

  it('W08 reports no slump of a model under the token floor', async () => {
    const brief = await briefOf('2026-W08');
    const slumps = brief.signals.filter((s): s is Signal & { kind: 'slump' } => s.kind === 'slump');
    expect(slumps.every((s) => s.tokens >= DEFAULT_THRESHOLDS.minTokens)).toBe(true);
    expect(renderBrief(brief, 'text')).not.toContain('Gemini 3 Pro Preview slumped');
  });

  it('W06 lists the Free Models Router without a price', async () => {
    const text = renderBrief(await briefOf('2026-W06'), 'text');
    expect(text).toContain('- Free Models Router (router, price varies)');
    expect(text).not.toContain('free in / free out');
  });
});

describe('a week that has only begun', () => {
  let partial: Store;

  beforeAll(async () => {
    partial = await openStore(':memory:');
    await ingest(createSampleSource(), partial, silentLogger);
    // Monday of W11 arrives with the same volumes as Monday of W10: about a seventh of last week.
    const monday = (await partial.usageBetween('2026-03-02', '2026-03-02')).map(
      (row): UsageRow => ({ ...row, date: '2026-03-09', asOf: '2026-03-10T02:05:00Z' }),
    );
    await partial.saveUsage({ rows: monday, asOf: '2026-03-10T02:05:00Z', startDate: '2026-03-09', endDate: '2026-03-09', dropped: 0 });
  });
  afterAll(() => partial.close());

  it('fires no week-over-week signal and no "slumped −86%"', async () => {
    const brief: Brief = await buildBrief(partial, { week: '2026-W11', countries: DEFAULT_COUNTRY_MAP, thresholds: DEFAULT_THRESHOLDS });
    expect(brief.market.coverage).toMatchObject({ daysPresent: 1, complete: false });
    expect(brief.signals.filter((s) => COMPARISONS.includes(s.kind))).toEqual([]);
    const text = renderBrief(brief, 'text');
    expect(text).not.toMatch(/slumped|surged|left the top|entered the top/);
    expect(text).toContain('INCOMPLETE WEEK: data for 1 of 7 days');
    expect(briefView(brief, 'text').headline).toMatch(/^Week so far \(1 of 7 days\): /);
  });
});
