import { describe, expect, it } from 'vitest';
import { createSampleSource } from '../../../src/adapters/source/sample.js';

// The bundled dataset is read through the same file source as any recording; this checks that the
// package-relative path finds it and that every file passes validation.
describe('createSampleSource', () => {
  it('reads the bundled sample/data recordings', async () => {
    const sample = createSampleSource();
    expect(sample.name).toBe('sample');
    const batches = await sample.fetchUsage();
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => b.rows.length > 0 && b.dropped === 0)).toBe(true);
    const catalogs = await sample.fetchCatalogs();
    expect(catalogs.length).toBeGreaterThan(0);
    expect(catalogs.every((c) => c.models.length > 0)).toBe(true);
  });
});
