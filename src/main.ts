import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCountryMap } from './adapters/source/country-map.js';
import { SourceError } from './adapters/source/source.js';
import { parseConfig } from './config.js';
import { DEFAULT_THRESHOLDS } from './core/thresholds.js';
import { loadDotEnv } from './env-file.js';
import { buildBrief } from './jobs/brief.js';
import { ingest, refreshRange } from './jobs/ingest.js';
import { createLogger } from './log.js';
import { renderBrief } from './render/brief.js';
import type { CliIo } from './cli/run.js';
import { makeSource, openStore } from './wiring.js';

/**
 * `npm start`: ingest the configured source into the embedded store, then show the latest brief.
 * Without chat tokens this is the terminal demo. Returns the process exit code.
 */
export async function main(io: CliIo): Promise<number> {
  const parsed = parseConfig(io.env);
  if (!parsed.ok) {
    io.stderr(`tokenbrief: bad configuration:\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 2;
  }
  const config = parsed.config;
  const logger = createLogger(config.logLevel ?? 'warn');
  try {
    const countries = loadCountryMap(config.countryMapPath);
    const store = await openStore(config.databasePath);
    try {
      const source = makeSource(config.source, config, logger, { sleep: io.sleep, now: io.now });
      const today = io.now().toISOString().slice(0, 10);
      try {
        await ingest(source, store, logger, source.name === 'openrouter' ? await refreshRange(store, today) : undefined);
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        // A failed refresh must not hide what we already have: the last good data is still served.
        logger.error({ source: source.name, err: error.message }, 'refresh failed');
        io.stderr(`tokenbrief: could not refresh from ${source.name}: ${error.message}\nShowing the last stored data.\n\n`);
      }
      const brief = await buildBrief(store, { countries, thresholds: DEFAULT_THRESHOLDS, source: config.source });
      io.stdout(`${renderBrief(brief, 'text')}\n\n`);
      io.stdout(
        [
          `Data: ${config.source}, stored in ${config.databasePath}.`,
          'Try: npx tokenbrief price kimi · npx tokenbrief top --country CN · npx tokenbrief brief --week 2026-W07 --format json',
          config.openrouter.apiKey ? '' : 'For live data, set OPENROUTER_API_KEY in .env (see README, "Configuration").',
          '',
        ].join('\n'),
      );
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    io.stderr(`tokenbrief: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.debug({ err: error }, 'start-up failed');
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  loadDotEnv();
  process.exitCode = await main({
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  });
}
