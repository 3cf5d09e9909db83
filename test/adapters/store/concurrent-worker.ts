import { openSqliteStore } from '../../../src/adapters/store/sqlite.js';
import { assertWholeIngests, CHANNEL, DAYS, dayOf, ingestOf, ROUNDS, watchOf } from './concurrent-ingests.js';

// One process of the concurrency test in sqlite.test.ts, forked as `concurrent-worker.ts DB_PATH
// WORKER` under tsx. It says `ready` once loaded and starts on `go`, so every process opens the same
// new file at the same moment; then it ingests ROUNDS times, reading and changing one channel's
// settings after each ingest. Any failure is printed and exits 1.

async function run(path: string, worker: number): Promise<void> {
  const store = openSqliteStore(path);
  try {
    await store.migrate();
    await store.claimSource('file:test');
    for (let round = 0; round < ROUNDS; round += 1) {
      await store.saveIngest(ingestOf(worker, round));
      assertWholeIngests(await store.usageBetween(dayOf(1), dayOf(DAYS)));
      await store.latestCatalog();
      await store.updateChannelSettings(CHANNEL, (current) => ({ ...current, watchlist: [...current.watchlist, watchOf(worker, round)] }));
    }
  } finally {
    await store.close();
  }
}

const [path, worker] = process.argv.slice(2);
if (path === undefined || worker === undefined || !process.send) throw new Error('usage: fork concurrent-worker.ts DB_PATH WORKER');
process.once('message', () => {
  run(path, Number(worker)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send('ready');
