import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { startDiscordBot, type DiscordBotOptions } from './adapters/discord/bot.js';
import type { LeaseStore } from './core/ports/lease.js';
import { keepLease, leaseTiming, type Clock } from './jobs/lease.js';
import type { RunningApp } from './lifecycle.js';

// Several replicas on one Postgres database. Slack needs nothing here: in HTTP mode the load balancer
// gives each request to one replica, and in Socket Mode Slack gives each envelope to one of the open
// connections. Discord's gateway is different: every session of a bot receives every interaction, so
// only the replica holding the `discord-gateway` lease connects one. Posting through REST needs no
// gateway and works from any replica.

/** The lease only one replica at a time holds, and with it the Discord gateway session. */
export const GATEWAY_LEASE_NAME = 'discord-gateway';

/** Names this process in the lease table and the logs: host, pid, and a random part (pids repeat across containers). */
export function replicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export interface LeasedDiscordOptions extends DiscordBotOptions {
  leases: LeaseStore;
  replica: string;
  /** How long the lease lasts unrenewed (`TOKENBRIEF_GATEWAY_LEASE_MS`). */
  leaseMs: number;
  clock?: Clock;
}

/**
 * The Discord bot on whichever replica holds the gateway lease: connected while this one holds it,
 * standing by otherwise, taking over when the holder stops renewing. Resolves after the first try;
 * rejects as `startDiscordBot` does when this replica got the lease and the bot could not log in.
 */
export async function startLeasedDiscordBot(options: LeasedDiscordOptions): Promise<RunningApp & { holding(): boolean }> {
  const { leases, replica, leaseMs, clock, ...bot } = options;
  let tag: string | null = null;
  const keeper = keepLease({
    leases,
    name: GATEWAY_LEASE_NAME,
    holder: replica,
    timing: leaseTiming(leaseMs),
    logger: options.logger.child({ platform: 'discord' }),
    clock,
    start: async () => {
      const running = await startDiscordBot(bot);
      tag = running.client.user.tag;
      return running.stop;
    },
  });
  await keeper.started;
  return {
    name: keeper.holding() && tag !== null ? `Discord bot (${tag}, holding the gateway)` : 'Discord bot (standby: another replica holds the gateway)',
    holding: keeper.holding,
    stop: () => keeper.stop(),
  };
}
