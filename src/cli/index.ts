#!/usr/bin/env node
import { loadDotEnv } from '../env-file.js';
import { runCli } from './run.js';

loadDotEnv();
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
});
process.exitCode = code;
