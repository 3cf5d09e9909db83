import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/adapters/store/postgres.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite.js';
import type { Store } from '../../src/core/ports/store.js';
import type { CatalogSnapshot } from '../../src/core/types.js';
import { addDays } from '../../src/core/week.js';
import { postgresUrl, throwawaySchemas } from '../adapters/store/postgres-harness.js';
import { cli, tempDir } from './harness.js';

const C1 = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
const AT = new Date('2026-03-09T08:00:00.000Z');

/** A subscription with a sent and a skipped slot, alert history and a refresh: the scheduler's state. */
async function schedulerState(store: Store): Promise<void> {
  await store.subscribe({ channel: C1, schedule: { weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' }, subscribedBy: 'U1', at: AT });
  await store.setAlerts(C1, false);
  await store.claimSlot({ channel: C1, slot: '2026-03-09', kind: 'scheduled', week: '2026-W10', by: 'r1', at: AT, leaseUntil: new Date(AT.getTime() + 600_000), delayed: true });
  await store.markSent({ channel: C1, slot: '2026-03-09', by: 'r1', messageIds: ['1.2', '1.3'], at: AT });
  await store.markSkipped({ channel: C1, slot: '2026-03-02', reason: 'beyond-grace', at: AT });
  await store.recordAlerts(C1, { baselineAt: AT, records: [{ identity: 'new_model a/x', topic: 'new_model a/x', state: 'baseline', at: AT }] });
  await store.recordRefresh({ startedAt: AT, finishedAt: AT, ok: true, summary: 'ok', asOf: '2026-03-09T02:00:00Z' });
}

/** Everything a store answers, read through the Store interface only. */
async function contents(store: Store) {
  const span = await store.usageSpan();
  const snapshots: CatalogSnapshot[] = [];
  for (let s = await store.latestCatalog(); s !== null; s = await store.catalogAsOf(addDays(s.fetchedOn, -1))) snapshots.push(s);
  const ids = [...new Set(snapshots.flatMap((s) => s.models.map((m) => m.id)))];
  return {
    source: await store.dataSource(),
    span,
    usage: span ? await store.usageBetween(span.first, span.last) : [],
    restatements: span ? await store.restatementsBetween(span.first, span.last) : [],
    snapshots,
    ledger: await Promise.all(ids.map((id) => store.priceHistory(id))),
    settings: await Promise.all(['slack:T1:C1', 'discord:G1:C2'].map((channel) => store.channelSettings(channel))),
    subscriptions: await store.subscriptions(),
    deliveries: await store.deliveries(new Date(0)),
    alerts: await store.alertHistory(C1),
    refresh: await store.lastRefresh(),
  };
}

describe('migrate-store usage errors', () => {
  it('needs --from, and a Postgres target', async () => {
    expect(await cli(['migrate-store'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --from PATH/) });
    expect(await cli(['migrate-store', '--from', 'x.db'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--to postgres:\/\/… or DATABASE_URL/) });
    expect(await cli(['migrate-store', '--from', 'x.db', '--to', 'mysql://a@b/c'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--to must be a postgres:/) });
  });
});

describe.skipIf(postgresUrl === null)('tokenbrief migrate-store (SQLite → Postgres)', () => {
  const schemas = throwawaySchemas();

  it('copies usage with its restatements, catalog snapshots, the price ledger, channel settings and the scheduler\'s state; the bot then reads the same', async () => {
    const path = join(tempDir(), 'bot.db');
    expect((await cli(['brief', '--source', 'sample', '--db', path])).code).toBe(0);
    const sqlite = openSqliteStore(path);
    await sqlite.migrate();
    const span = await sqlite.usageSpan();
    const restated = (await sqlite.usageBetween(span?.last ?? '', span?.last ?? '')).map((r) => ({ ...r, tokens: r.tokens + 1, asOf: '2099-01-01T00:00:00Z' }));
    await sqlite.saveUsage({ rows: restated, asOf: '2099-01-01T00:00:00Z', startDate: span?.last ?? '', endDate: span?.last ?? '', dropped: 0 });
    await sqlite.updateChannelSettings('slack:T1:C1', () => ({ thresholds: { topN: 5 }, watchlist: ['moonshotai/kimi-k2.5'] }));
    const latest = await sqlite.latestCatalog();
    const lost = { fetchedOn: addDays(latest?.fetchedOn ?? '', 1), models: latest?.models.slice(0, 1) ?? [] };
    const suspect = { snapshot: lost, comparedWith: latest?.fetchedOn ?? '', comparedModels: latest?.models.length ?? 0, reason: 'lost most models' };
    await sqlite.saveIngest({ usage: [], catalogs: [], suspectCatalogs: [suspect] });
    await schedulerState(sqlite);
    const expected = await contents(sqlite);
    await sqlite.close();
    expect(expected.restatements.length).toBeGreaterThan(0);
    expect(expected.ledger.flat().length).toBeGreaterThan(0);
    expect(expected.source).toBe('sample');

    const schema = await schemas.create();
    // A password in the URL (the local server trusts anyone) must never be printed.
    const to = schemas.urlFor(schema).replace('postgres@', 'postgres:hunter2@');
    const run = await cli(['migrate-store', '--from', path, '--to', to]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      new RegExp(`data_source 1, usage ${expected.usage.length}, usage_restatements ${expected.restatements.length}, catalog_snapshots ${expected.snapshots.length},.* catalog_suspects 1,`),
    );
    expect(run.stdout + run.stderr).not.toContain('hunter2');

    const fromSqlite = await cli(['brief', '--db', path, '--format', 'json']);
    const fromPostgres = await cli(['brief', '--format', 'json'], { DATABASE_URL: schemas.urlFor(schema) });
    expect(fromPostgres).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(fromPostgres.stdout)).toEqual(JSON.parse(fromSqlite.stdout));

    const postgres = openPostgresStore(postgresUrl ?? '', { schema });
    try {
      expect(await contents(postgres)).toEqual(expected);
      // Provenance comes along: every row keeps its source, and the suspect stays aside, as stored.
      const sources = await schemas.query(`SELECT DISTINCT source FROM ${schema}.usage UNION SELECT DISTINCT source FROM ${schema}.catalog_snapshots`);
      expect(sources).toEqual([{ source: 'sample' }]);
      const suspects = await schemas.query(`SELECT fetched_on::text, source, models, compared_with::text, compared_models, reason, body FROM ${schema}.catalog_suspects`);
      expect(suspects).toEqual([
        { fetched_on: lost.fetchedOn, source: 'sample', models: 1, compared_with: suspect.comparedWith, compared_models: suspect.comparedModels, reason: suspect.reason, body: lost.models },
      ]);
      // Restatements after the copy continue the copied history instead of colliding with it.
      await postgres.recordRefresh({ startedAt: AT, finishedAt: AT, ok: false, summary: 'after the copy', asOf: null });
      await postgres.saveUsage({ rows: restated.map((r) => ({ ...r, tokens: r.tokens + 1, asOf: '2099-01-02T00:00:00Z' })), asOf: '2099-01-02T00:00:00Z', startDate: span?.last ?? '', endDate: span?.last ?? '', dropped: 0 });
    } finally {
      await postgres.close();
    }

    const again = await cli(['migrate-store', '--from', path, '--to', to]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/already holds data/) });
    expect(again.stderr).not.toContain('hunter2');
  });

  it('says so when the SQLite file does not exist, and creates nothing', async () => {
    const missing = join(tempDir(), 'nope.db');
    const run = await cli(['migrate-store', '--from', missing, '--to', schemas.urlFor(await schemas.create())]);
    expect(run).toMatchObject({ code: 1, stderr: `tokenbrief: no SQLite database at ${missing}\n` });
  });
});
