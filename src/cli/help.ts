// What `tokenbrief --help` and `tokenbrief <command> --help` print. The first line of each command's
// help is its usage, which every usage error of that command repeats.

export type CliCommandName = 'brief' | 'chart' | 'price' | 'top' | 'compare' | 'fetch' | 'backfill' | 'discord register' | 'migrate-store';

const DATA_OPTIONS = `Options:
  --week YYYY-Www                       ISO week, Monday–Sunday UTC (default: the latest complete week)
  --source sample|openrouter|file:DIR   read this source into a throwaway store (default: the bot's database)
  --db PATH                             use this SQLite database
  --format text|slack|discord|json      output format (default: text)
  -h, --help                            this help`;

export const COMMAND_HELP: Readonly<Record<CliCommandName, string>> = {
  brief: `Usage: tokenbrief brief [--week 2026-W07] [--chart FILE.png] [options]
The weekly brief: market by country, top 10, movers, prices, new models.

  --chart FILE.png                      also write the brief's share chart (weekly token share by country bloc)
${DATA_OPTIONS}`,
  chart: `Usage: tokenbrief chart share|top --out FILE.png [--weeks 12] [options] — e.g. tokenbrief chart share --out share.png
A chart as a PNG: share = weekly token share by country bloc over --weeks weeks; top = the week's top 10 models.

  --out FILE.png                        where to write the image
  --weeks N                             share: how many weeks (2 to 52, default 12)
  --week YYYY-Www                       the last week shown (default: the latest complete week)
  --source sample|openrouter|file:DIR   read this source into a throwaway store (default: the bot's database)
  --db PATH                             use this SQLite database
  -h, --help                            this help`,
  price: `Usage: tokenbrief price <model…> [options] — e.g. tokenbrief price kimi, tokenbrief price claude opus
A model's prices per 1M tokens, its rank and usage that week.

${DATA_OPTIONS}`,
  top: `Usage: tokenbrief top [n] [country] [options] — e.g. tokenbrief top 5 CN, tokenbrief top --n 5 --country CN (n from 1 to 25)
The week's most used models, optionally of one country (CN, US, FR…, or unattributed).

  --n N                                 how many (1 to 25, default 10)
  --country CC                          a two-letter country code, or unattributed
${DATA_OPTIONS}`,
  compare: `Usage: tokenbrief compare <model> vs <model> [options] — e.g. tokenbrief compare kimi vs opus, tokenbrief compare kimi "claude opus"
Two models side by side: prices, the ratio, usage and rank.

${DATA_OPTIONS}`,
  fetch: `Usage: tokenbrief fetch [--record DIR] [--db PATH]
Fetches the days since the last stored one from OpenRouter into the database (needs OPENROUTER_API_KEY).

  --record DIR    only record the raw responses to DIR (replay them with --source file:DIR)
  --db PATH       use this SQLite database instead of DATABASE_PATH
  -h, --help      this help`,
  backfill: `Usage: tokenbrief backfill --from YYYY-MM-DD [--to YYYY-MM-DD] [--record DIR] [--db PATH]
Fetches a date range from OpenRouter (default end: yesterday), in windows of at most 366 days.

  --from, --to    the first and last day (UTC)
  --record DIR    only record the raw responses to DIR
  --db PATH       use this SQLite database instead of DATABASE_PATH
  -h, --help      this help`,
  'discord register': `Usage: tokenbrief discord register [--guild ID]
Registers the Discord slash commands in every server the bot is in, or at once in one server (needs DISCORD_TOKEN).

  --guild ID      a server id (17 to 20 digits): Developer Mode on, right-click the server → Copy Server ID
  -h, --help      this help`,
  'migrate-store': `Usage: tokenbrief migrate-store --from PATH [--to URL]
Copies a SQLite store into an empty PostgreSQL one.

  --from PATH     the SQLite database file to copy
  --to URL        postgres://user:password@host:5432/database (default: DATABASE_URL)
  -h, --help      this help`,
};

export const USAGE = `Usage: tokenbrief <command> [options]

Commands:
  brief [--week 2026-W07] [--chart FILE.png]
                                     the weekly brief (default: the latest complete week); --chart also
                                     writes its share chart as a PNG
  chart share|top --out FILE.png [--weeks 12]
                                     a chart as a PNG: share = weekly token share by country bloc over
                                     --weeks weeks (2 to 52, default 12); top = the week's top 10 models
  price <model…>                     a model's price, rank and usage (e.g. price kimi)
  top [n] [country]                  this week's top models (e.g. top 5 CN)
  compare <model> vs <model>         two models side by side (e.g. compare kimi vs opus)
  fetch [--record DIR]               fetch the latest data from OpenRouter (into the database, or record to DIR)
  backfill --from YYYY-MM-DD [--to YYYY-MM-DD] [--record DIR]
                                     fetch a date range from OpenRouter
  discord register [--guild ID]      register the Discord slash commands (all servers; --guild: one server, at once)
  migrate-store --from PATH [--to URL]
                                     copy a SQLite store into an empty PostgreSQL one (default --to: DATABASE_URL)

Options for brief, chart, price, top and compare:
  --source sample|openrouter|file:DIR   read this source into a throwaway store (default: the bot's database)
  --db PATH                             use this SQLite database
  --format text|slack|discord|json      output format (default: text)
  --week YYYY-Www                       ISO week (Monday–Sunday, UTC)

tokenbrief <command> --help shows a command's options; tokenbrief --version its version.
Exit codes: 0 ok, 1 runtime failure (no data, no match, source down), 2 bad usage or configuration.`;
