import { fileURLToPath } from 'node:url';
import type { Logger } from '../../core/ports/logger.js';
import type { Source } from '../../core/ports/source.js';
import { createFileSource } from './file.js';

// The bundled dataset ships in the package as `sample/data/`. This module sits three levels below the
// package root both as source (src/adapters/source/) and compiled (dist/adapters/source/).
const SAMPLE_DIR = fileURLToPath(new URL('../../../sample/data', import.meta.url));

export function createSampleSource(logger?: Logger): Source {
  return createFileSource(SAMPLE_DIR, 'sample', logger);
}
