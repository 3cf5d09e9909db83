import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../src/core/input.js';

// The manifest users create the app from must declare exactly the commands the adapter registers,
// and the scopes its Web API calls need (no YAML library: the few lines checked are simple).
const manifest = readFileSync(new URL('../../../slack-manifest.yaml', import.meta.url), 'utf8');

it('declares every command the app answers, and no other', () => {
  const commands = [...manifest.matchAll(/^\s+- command: \/(\w+)$/gm)].map((m) => m[1]);
  expect(commands).toEqual([...COMMAND_NAMES]);
});

it('asks for the scopes the app uses (commands, chat.postMessage, users.info, file uploads, conversations.history, conversations.open) and enables Socket Mode', () => {
  const scopes = [...manifest.matchAll(/^\s+- ([a-z_.]+:[a-z_.]+|commands)$/gm)].map((m) => m[1]);
  expect(scopes).toEqual(['commands', 'chat:write', 'users:read', 'channels:history', 'groups:history', 'im:write', 'files:write']);
  expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
});
