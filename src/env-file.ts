import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

// `.env` is read with Node's own parser (util.parseEnv), but only after every line is checked: Node
// silently joins a line without `=` to the next one, so a prose line above SLACK_BOT_TOKEN would
// swallow the token and the bot would start as the terminal demo.

export type EnvFile = { ok: true; vars: Record<string, string> } | { ok: false; problems: string[] };

const SETTING = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*=(.*)$/;
const QUOTES = ['"', "'", '`'];

/** The settings of an env file, or one problem per malformed line (with its line number). */
export function parseEnvFile(text: string, name: string): EnvFile {
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const setting = SETTING.exec(line);
    if (!setting) {
      const shown = line.length > 60 ? `${line.slice(0, 57)}…` : line;
      problems.push(`${name} line ${i + 1}: "${shown}" is not a setting; write NAME=value, or start a comment with #`);
      continue;
    }
    // A quoted value may run over several lines, up to its closing quote.
    const value = (setting[1] ?? '').trim();
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote === undefined || value.slice(1).includes(quote)) continue;
    const close = lines.findIndex((l, j) => j > i && l.includes(quote));
    if (close === -1) {
      problems.push(`${name} line ${i + 1}: the value opens a ${quote} quote that is never closed`);
      break;
    }
    i = close;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, vars: parseEnv(text) as Record<string, string> };
}

/**
 * `env` with the settings of `path` (when the file exists) added; variables already set win, as with
 * Node's own loader.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, path: string | undefined): { ok: true; env: NodeJS.ProcessEnv } | { ok: false; problems: string[] } {
  if (path === undefined || !existsSync(path)) return { ok: true, env };
  const file = parseEnvFile(readFileSync(path, 'utf8'), path);
  return file.ok ? { ok: true, env: { ...file.vars, ...env } } : file;
}
