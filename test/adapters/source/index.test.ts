import { describe, expect, it } from 'vitest';
import { resolveSource, UnknownSourceError } from '../../../src/adapters/source/index.js';
import { silentLogger } from '../../../src/core/ports/logger.js';

const deps = { openrouter: { baseUrl: 'http://127.0.0.1:9/api/v1', apiKey: undefined, logger: silentLogger } };

describe('resolveSource', () => {
  it.each([
    ['sample', 'sample'],
    ['openrouter', 'openrouter'],
    ['file:/var/lib/tokenbrief/recordings', 'file:/var/lib/tokenbrief/recordings'],
    ['file:./rec', 'file:./rec'],
  ])('%s → a source named %s', (spec, name) => {
    expect(resolveSource(spec, deps).name).toBe(name);
  });

  it.each(['', 'OpenRouter', 'file:', 'files:/x', 'http://openrouter.ai'])('refuses %j with the accepted forms', (spec) => {
    expect(() => resolveSource(spec, deps)).toThrow(UnknownSourceError);
    expect(() => resolveSource(spec, deps)).toThrow(`unknown source '${spec}': use sample, openrouter or file:DIR`);
  });
});
