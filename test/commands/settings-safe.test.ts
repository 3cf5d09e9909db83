import { NO_CHARTS, testPoster } from './poster.js';
import { chmodSync, copyFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import { StoreUnavailableError } from '../../src/adapters/store/file-guard.js';
import type { Store } from '../../src/core/ports/store.js';
import { runCommand, type CommandContext, type CommandDeps } from '../../src/commands/run.js';
import { ingest } from '../../src/jobs/ingest.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { commandDeps } from './deps.js';
import { formatChannelRef } from '../../src/core/channel.js';
import { openStore } from '../../src/wiring.js';
import { tempDir } from '../cli/harness.js';

// A settings change on a database file that was deleted, replaced or made read-only while the bot
// runs: SQLite would keep "saving" into a file nobody will read again, so the change must fail.

const admin: CommandContext = { channel: { platform: 'slack', workspace: 'T1', channel: 'C1' }, userId: 'U1', poster: testPoster('slack', async () => ({ messageIds: [] })), ...NO_CHARTS, isAdmin: async () => true };
const setSurge = (value: number) => ({ command: 'alerts' as const, alerts: { action: 'set' as const, name: 'surgePct' as const, value } });

let path: string;
let store: Store;
let deps: CommandDeps;
beforeEach(async () => {
  path = join(tempDir(), 'bot.db');
  store = await openStore(path);
  await ingest(createSampleSource(), store, silentLogger);
  deps = commandDeps(store);
});
afterEach(() => store.close());

describe('settings changes on a database file that went away', () => {
  it('a deleted file: the change fails instead of saying done; answers keep coming from the open store', async () => {
    expect(await runCommand(deps, setSurge(25), admin)).toMatchObject({ kind: 'settings', change: { action: 'set', value: 25 } });
    unlinkSync(path);
    await expect(runCommand(deps, setSurge(30), admin)).rejects.toThrow(StoreUnavailableError);
    await expect(runCommand(deps, setSurge(30), admin)).rejects.toThrow(/deleted or replaced/);
    expect(await runCommand(deps, { command: 'price', query: 'kimi' }, admin)).toMatchObject({ kind: 'answer', answer: { kind: 'price' } });
  });

  it('a file replaced by another one (same path, new inode): the change fails', async () => {
    copyFileSync(path, `${path}.copy`);
    renameSync(`${path}.copy`, path);
    await expect(runCommand(deps, setSurge(30), admin)).rejects.toThrow(/deleted or replaced/);
  });

  it('a file made read-only: the change fails, and works again once it is writable', async () => {
    chmodSync(path, 0o444);
    await expect(runCommand(deps, setSurge(30), admin)).rejects.toThrow(/read-only/);
    expect(await store.channelSettings(formatChannelRef(admin.channel))).toBeNull();
    chmodSync(path, 0o644);
    expect(await runCommand(deps, setSurge(30), admin)).toMatchObject({ kind: 'settings', settings: { thresholds: { surgePct: 30 } } });
  });

  it('an ingest into a deleted file fails too, storing nothing anyone would see', async () => {
    unlinkSync(path);
    await expect(ingest(createSampleSource(), store, silentLogger)).rejects.toThrow(StoreUnavailableError);
  });
});
