import { loadCountryMap } from './adapters/source/country-map.js';
import { SourceError } from './adapters/source/source.js';
import { parseConfig } from './config.js';
import { DEFAULT_THRESHOLDS } from './core/thresholds.js';
import { loadDotEnv } from './env-file.js';
import { buildBrief } from './jobs/brief.js';
import { ingest, refreshRange } from './jobs/ingest.js';
import { createLogger } from './log.js';
import { renderBrief } from './render/brief.js';
import { makeSource, openStore } from './wiring.js';

// `npm start`: ingest the configured source into the embedded store, then show this week's brief.
// Without chat tokens this is the terminal demo; the chat adapters plug in here.

loadDotEnv();
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`tokenbrief: bad configuration:\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(2);
}
const config = parsed.config;
const logger = createLogger(config.logLevel ?? 'warn');

try {
  const countries = loadCountryMap(config.countryMapPath);
  const store = await openStore(config.databasePath);
  try {
    const source = makeSource(config.source, config, logger);
    const today = new Date().toISOString().slice(0, 10);
    try {
      await ingest(source, store, logger, source.name === 'openrouter' ? await refreshRange(store, today) : undefined);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      // A failed refresh must not hide what we already have: the last good data is still served.
      process.stderr.write(`tokenbrief: could not refresh from ${source.name}: ${error.message}\nShowing the last stored data.\n\n`);
    }
    const brief = await buildBrief(store, { countries, thresholds: DEFAULT_THRESHOLDS, source: config.source });
    process.stdout.write(`${renderBrief(brief, 'text')}\n\n`);
    process.stdout.write(
      [
        `Data: ${config.source}, stored in ${config.databasePath}.`,
        'Try: npx tokenbrief price kimi · npx tokenbrief top --country CN · npx tokenbrief brief --week 2026-W07 --format json',
        'To get this brief from live data, set OPENROUTER_API_KEY in .env (see README, "Configuration").',
        '',
      ].join('\n'),
    );
  } finally {
    await store.close();
  }
} catch (error) {
  process.stderr.write(`tokenbrief: ${error instanceof Error ? error.message : String(error)}\n`);
  logger.debug({ err: error }, 'start-up failed');
  process.exitCode = 1;
}
