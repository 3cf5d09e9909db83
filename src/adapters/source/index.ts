import { createFileSource } from './file.js';
import { createOpenRouterSource } from './openrouter.js';
import type { OpenRouterSourceOptions } from './openrouter.js';
import { createSampleSource } from './sample.js';
import type { Source } from './source.js';

export { createFileSource } from './file.js';
export { createOpenRouterSource, splitRange, MAX_WINDOW_DAYS } from './openrouter.js';
export type { OpenRouterSourceOptions } from './openrouter.js';
export { createRecorder } from './record.js';
export type { Recorder } from './record.js';
export { createSampleSource } from './sample.js';
export { silentLogger } from './logger.js';
export type { Logger } from './logger.js';
export { SourceError } from './source.js';
export type { Source } from './source.js';

/** A `--source` value the user typed that names no source; the CLI reports it as a usage error. */
export class UnknownSourceError extends Error {
  override readonly name = 'UnknownSourceError';
  constructor(readonly spec: string) {
    super(`unknown source '${spec}': use sample, openrouter or file:DIR`);
  }
}

/** `sample` | `openrouter` | `file:DIR`. File-based sources log through the OpenRouter options' logger. */
export function resolveSource(spec: string, deps: { openrouter: OpenRouterSourceOptions }): Source {
  if (spec === 'sample') return createSampleSource(deps.openrouter.logger);
  if (spec === 'openrouter') return createOpenRouterSource(deps.openrouter);
  if (spec.startsWith('file:') && spec.length > 'file:'.length) {
    return createFileSource(spec.slice('file:'.length), spec, deps.openrouter.logger);
  }
  throw new UnknownSourceError(spec);
}
