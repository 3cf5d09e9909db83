import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDailyUsage } from './daily-usage.js';
import { formatSummary } from './summary.js';
import { renderFiles } from './wire-files.js';

// Regenerates sample/data from the plan in usage-plan.ts and the facts in catalog.ts:
//   npx tsx sample/generate.ts
// Deterministic: the same inputs always write byte-identical files.

const dataDir = join(dirname(fileURLToPath(import.meta.url)), 'data');
const usage = buildDailyUsage();
const files = renderFiles(usage);

// Start clean so a renamed or dropped file cannot linger from an earlier run.
rmSync(dataDir, { recursive: true, force: true });
let bytes = 0;
for (const [path, content] of files) {
  const target = join(dataDir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  bytes += Buffer.byteLength(content);
}

console.log(formatSummary(usage));
console.log(`\nWrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) to ${dataDir}`);
