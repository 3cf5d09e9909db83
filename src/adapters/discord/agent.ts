import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

// Every REST client of ours sends through an undici Agent of discord.js's own undici copy, never
// undici's process-wide dispatcher. That one sits under a symbol every undici copy in the process
// shares, taken by whichever copy loads first: with Slack in the same process that is @slack/bolt's
// undici 7, and undici 7 cannot encode the multipart body @discordjs/rest (undici 6) builds for a file
// upload. Every Discord post carrying a chart then failed with "action is not a function" (or hung,
// with later undici 7 releases): nodejs/undici#5520.

// Resolved the way @discordjs/rest resolves it, so the Agent is of the copy that builds the bodies.
const fromDiscord = createRequire(createRequire(import.meta.url).resolve('discord.js'));
const fromRest = createRequire(fromDiscord.resolve('@discordjs/rest'));
const { Agent } = fromRest('undici') as { Agent: new () => NonNullable<RESTOptions['agent']> };

/** A connection pool of its own for one REST client. */
export const restAgent = (): NonNullable<RESTOptions['agent']> => new Agent();
