import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { runCommand, type CommandContext, type CommandDeps } from '../../src/commands/run.js';
import { ingest } from '../../src/jobs/ingest.js';
import { shortName } from '../../src/core/identity.js';
import { renderReply } from '../../src/render/replies.js';
import { openStore } from '../../src/wiring.js';
import { commandDeps, slackChannelRef } from './deps.js';
import { NO_CHARTS, testPoster } from './poster.js';
import type { Brief } from '../../src/core/types.js';

let store: Store;
let deps: CommandDeps;
const poster = testPoster('slack', async () => ({ messageIds: ['1.000001'] }));
const admin: CommandContext = { channel: slackChannelRef('C1'), userId: 'U1', poster, ...NO_CHARTS, isAdmin: async () => true };
const member: CommandContext = { channel: slackChannelRef('C1'), userId: 'U2', poster, ...NO_CHARTS, isAdmin: async () => false };

beforeAll(async () => {
  store = await openStore(':memory:');
  await ingest(createSampleSource(), store, silentLogger);
  deps = commandDeps(store);
});
afterAll(() => store.close());

describe('runCommand', () => {
  it('price answers in the channel; an unknown model only to the asker', async () => {
    const price = await runCommand(deps, { command: 'price', query: 'kimi' }, member);
    expect(price).toMatchObject({ kind: 'answer', visibility: 'channel', answer: { kind: 'price', match: { id: 'moonshotai/kimi-k2.5' } } });
    const none = await runCommand(deps, { command: 'price', query: 'qqqqq' }, member);
    expect(none).toMatchObject({ kind: 'answer', visibility: 'asker', answer: { kind: 'no_match' } });
  });

  it('top of a country with no ranked model names the ranked countries, only to the asker', async () => {
    const none = await runCommand(deps, { command: 'top', n: 5, country: 'XX' }, member);
    expect(none).toMatchObject({ kind: 'answer', visibility: 'asker', answer: { kind: 'unranked_country', country: 'XX', ranked: expect.arrayContaining(['CN', 'US']) } });
    if (none.kind !== 'answer' || none.answer.kind !== 'unranked_country') throw new Error('no unranked_country answer');
    expect(none.answer.ranked).not.toContain('other');
  });

  it('the brief preview uses the channel thresholds; posting needs an admin', async () => {
    const preview = await runCommand(deps, { command: 'brief', post: false, force: false }, member);
    expect(preview).toMatchObject({ kind: 'brief_preview', visibility: 'asker' });
    const refused = await runCommand(deps, { command: 'brief', post: true, force: false }, member);
    expect(refused).toEqual({ kind: 'forbidden', action: 'post_brief', visibility: 'asker' });
    const posted = await runCommand(deps, { command: 'brief', post: true, force: false }, admin);
    expect(posted).toMatchObject({ kind: 'brief_posted', week: '2026-W10', messageIds: ['1.000001'], visibility: 'asker' });
  });

  it('alerts: anyone may look, only admins change, and nothing changes on refusal', async () => {
    const ctx = { ...member, channel: slackChannelRef('C2') };
    expect(await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: 40 } }, ctx)).toMatchObject({ kind: 'forbidden' });
    expect(await store.channelSettings('slack:T1:C2')).toBeNull();
    const shown = await runCommand(deps, { command: 'alerts', alerts: { action: 'show' } }, ctx);
    expect(shown).toMatchObject({ kind: 'settings', thresholds: { surgePct: 50 } });
  });

  it('alerts set validates against the threshold schema and names the allowed range', async () => {
    const ctx = { ...admin, channel: slackChannelRef('C3') };
    const bad = await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'topN', value: 2.5 } }, ctx);
    expect(bad).toMatchObject({ kind: 'usage', problem: { kind: 'out_of_range', name: 'topN', got: 2.5, range: { whole: true, min: 3, max: 50 } } });
    expect(renderReply(bad, 'text')).toBe('topN must be a whole number from 3 to 50; got 2.5.\nUsage: /alerts set topN <a whole number from 3 to 50>');
    expect(await store.channelSettings('slack:T1:C3')).toBeNull();
    const good = await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: 25 } }, ctx);
    expect(good).toMatchObject({ kind: 'settings', thresholds: { surgePct: 25 }, change: { action: 'set', name: 'surgePct', value: 25 } });
    const preview = await runCommand(deps, { command: 'brief', post: false, force: false }, ctx);
    if (preview.kind !== 'brief_preview') throw new Error(preview.kind);
    expect(preview.settings.thresholds).toEqual({ surgePct: 25 });
    const reset = await runCommand(deps, { command: 'alerts', alerts: { action: 'reset', name: null } }, ctx);
    expect(reset).toMatchObject({ kind: 'settings', settings: { thresholds: {} } });
  });

  it('a lower surge threshold makes more signals fire in the preview', async () => {
    const ctx = { ...admin, channel: slackChannelRef('C4') };
    const before = await runCommand(deps, { command: 'brief', post: false, force: false }, ctx);
    await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: 5 } }, ctx);
    await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'minTokens', value: 1e9 } }, ctx);
    const after = await runCommand(deps, { command: 'brief', post: false, force: false }, ctx);
    if (before.kind !== 'brief_preview' || after.kind !== 'brief_preview') throw new Error('not a preview');
    const surges = (r: typeof before) => r.brief.signals.filter((s) => s.kind === 'surge').length;
    expect(surges(after)).toBeGreaterThan(surges(before));
  });

  it('watch resolves the model by lookup; unwatch removes it', async () => {
    const ctx = { ...admin, channel: slackChannelRef('C5') };
    const watched = await runCommand(deps, { command: 'alerts', alerts: { action: 'watch', model: 'kimi' } }, ctx);
    expect(watched).toMatchObject({ kind: 'settings', settings: { watchlist: ['moonshotai/kimi-k2.5'] } });
    const unknown = await runCommand(deps, { command: 'alerts', alerts: { action: 'watch', model: 'qqqqq' } }, ctx);
    expect(unknown).toMatchObject({ kind: 'answer', answer: { kind: 'no_match' } });
    const gone = await runCommand(deps, { command: 'alerts', alerts: { action: 'unwatch', model: 'kimi' } }, ctx);
    expect(gone).toMatchObject({ kind: 'settings', settings: { watchlist: [] } });
  });

  it('a watched model fires under the watch thresholds in the preview and the posted brief', async () => {
    const ctx = { ...admin, channel: slackChannelRef('C7') };
    const plain = await runCommand(deps, { command: 'brief', post: false, force: false }, ctx);
    if (plain.kind !== 'brief_preview') throw new Error(plain.kind);
    expect(plain.defaultSignals).toBe(plain.brief.signals.length);
    expect(plain.brief.signals.map((s) => 'model' in s && s.model)).not.toContain('moonshotai/kimi-k2.5');

    await runCommand(deps, { command: 'alerts', alerts: { action: 'watch', model: 'kimi' } }, ctx);
    await runCommand(deps, { command: 'alerts', alerts: { action: 'watch', model: 'qwen/qwen3.5-flash-02-23' } }, ctx);
    const watched = await runCommand(deps, { command: 'brief', post: false, force: false }, ctx);
    if (watched.kind !== 'brief_preview') throw new Error(watched.kind);
    const about = (model: string) => watched.brief.signals.filter((s) => 'model' in s && s.model === model).map((s) => [s.kind, s.rule]);
    // Kimi K2.5 slipped one place (#2 → #3): no signal under the defaults, one for a watched model.
    expect(about('moonshotai/kimi-k2.5')).toEqual([['rank_move', 'watched model: rank moved #2 → #3 (1 down)']]);
    // Qwen3.5 Flash jumped from #37 to #17 with +165% on 69B tokens, under the 100B floor.
    expect(about('qwen/qwen3.5-flash-02-23')).toEqual([
      ['rank_move', 'watched model: rank moved #37 → #17 (20 up)'],
      ['surge', expect.stringMatching(/^watched model: tokens up ≥ 50% week over week, no token floor: \+165% \(25\.9B → 68\.7B\)$/)],
    ]);
    expect(watched.defaultSignals).toBe(plain.defaultSignals);
    expect(watched.brief.signals).toHaveLength(plain.brief.signals.length + 3);

    const briefs: Brief[] = [];
    const recording = testPoster('slack', async (_channel, brief) => (briefs.push(brief), { messageIds: ['1.1'] }));
    await runCommand(deps, { command: 'brief', post: true, force: false }, { ...ctx, poster: recording });
    expect(briefs[0]?.signals).toEqual(watched.brief.signals);
  });

  it('counts the default signals against a stricter channel', async () => {
    const ctx = { ...admin, channel: slackChannelRef('C8') };
    await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'topN', value: 3 } }, ctx);
    const preview = await runCommand(deps, { command: 'brief', post: false, force: false }, ctx);
    if (preview.kind !== 'brief_preview') throw new Error(preview.kind);
    expect(preview.brief.signals.length).toBeLessThan(preview.defaultSignals);
  });

  it('two admins changing one channel at once both keep their change', async () => {
    const ctx = { ...admin, channel: slackChannelRef('C9'), isAdmin: async () => (await Promise.resolve(), true) };
    await Promise.all([
      runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: 40 } }, ctx),
      runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'topN', value: 15 } }, ctx),
      runCommand(deps, { command: 'alerts', alerts: { action: 'watch', model: 'kimi' } }, ctx),
      runCommand(deps, { command: 'alerts', alerts: { action: 'watch', model: 'glm 5' } }, ctx),
    ]);
    expect(await store.channelSettings('slack:T1:C9')).toEqual({
      thresholds: { surgePct: 40, topN: 15 },
      watchlist: expect.arrayContaining(['moonshotai/kimi-k2.5', 'z-ai/glm-5']),
    });
  });

  it('every reply renders on every platform', async () => {
    const ctx = { ...admin, channel: slackChannelRef('C6') };
    const replies = [
      await runCommand(deps, { command: 'top', n: 5, country: 'CN' }, ctx),
      await runCommand(deps, { command: 'compare', a: 'kimi', b: 'opus' }, ctx),
      await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'minTokens', value: 5e10 } }, ctx),
      await runCommand(deps, { command: 'brief', post: false, force: false }, ctx),
      await runCommand(deps, { command: 'brief', post: true, force: false }, member),
    ];
    const [top, compare, settings, preview] = replies;
    if (top?.kind !== 'answer' || top.answer.kind !== 'top') throw new Error('no top answer');
    if (compare?.kind !== 'answer' || compare.answer.kind !== 'compare') throw new Error('no compare answer');
    if (preview?.kind !== 'brief_preview') throw new Error('no brief preview');
    // What each reply is about, which every platform must show whatever its wording.
    const subjects = [
      [top.answer.week, ...top.answer.models.map((m) => shortName(m.name))],
      [compare.answer.a.id, compare.answer.b.id],
      ['minTokens'],
      [preview.brief.market.week, shortName(preview.brief.market.models[0]!.name), `${preview.brief.signals.length} signals`],
    ];
    expect(top.answer.models).toHaveLength(5);
    expect(settings).toMatchObject({ kind: 'settings', change: { action: 'set', name: 'minTokens', value: 5e10 } });
    for (const [i, needles] of subjects.entries()) {
      for (const platform of ['text', 'slack', 'discord'] as const) {
        const out = renderReply(replies[i]!, platform);
        for (const needle of needles) expect(out, `${replies[i]!.kind}/${platform}`).toContain(needle);
      }
    }
    expect(renderReply(replies[2]!, 'slack')).toMatch(/minTokens set to 50(\.0)?B/);
    expect(renderReply(replies[4]!, 'slack')).toBe('Only workspace admins can post the brief.');
    expect(renderReply(replies[4]!, 'discord')).toBe('Only members with the Manage Server permission can post the brief.');
  });
});
