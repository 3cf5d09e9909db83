import { createFileSource } from './file.js';
import { createOpenRouterSource } from './openrouter.js';
import type { OpenRouterSourceOptions } from './openrouter.js';
import { createSampleSource } from './sample.js';
import { TokenbriefError } from '../../core/errors.js';
import type { Source } from '../../core/ports/source.js';

export { createFileSource } from './file.js';
export { createOpenRouterSource, splitRange, MAX_WINDOW_DAYS } from './openrouter.js';
export type { OpenRouterSourceOptions } from './openrouter.js';
export { createRecorder } from './record.js';
export type { Recorder } from './record.js';
export { createSampleSource } from './sample.js';

/** A `--source` value the user typed that names no source; the CLI reports it as a usage error. */
export class UnknownSourceError extends TokenbriefError {
  readonly code = 'unknown_source';
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
