import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { startDiscordBot, type DiscordBotOptions } from './adapters/discord/bot.js';
import type { ChannelRef } from './core/channel.js';
import type { LeaseStore } from './core/ports/lease.js';
import type { Logger } from './core/ports/logger.js';
import type { FanoutGate } from './jobs/deliver.js';
import { keepLease, leaseTiming, type Clock, type LeaseKeeper } from './jobs/lease.js';
import type { RunningApp } from './lifecycle.js';

// Several replicas on one Postgres database. Slack needs nothing here: in HTTP mode the load balancer
// gives each request to one replica, and in Socket Mode Slack gives each envelope to one of the open
// connections. Discord's gateway is different: every session of a bot receives every interaction, so
// only the replica holding the `discord-gateway` lease connects one. Posting through REST needs no
// gateway and works from any replica.
//
// Fan-outs (scheduled briefs, alerts) go to each platform from one replica at a time: the holder of
// the platform's `fanout:<platform>` lease. Slack's pacing and discord.js's 50 requests/s are each
// one process's, so one poster at a time keeps the bot within the platform's limits however many
// replicas run. Every replica still ticks; a standby takes the lease over within its time when the
// holder dies, and ticks at once. What a holder had claimed is safe either way: each channel's claim
// in the ledger, not the fan-out lease, decides who may post it (see jobs/tick.ts).

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

/** The lease whose holder posts fan-outs to `platform`. */
export const fanoutLeaseName = (platform: ChannelRef['platform']): string => `fanout:${platform}`;

export interface FanoutLeases {
  /** Whether this replica holds the platform's fan-out lease now. */
  gate: FanoutGate;
  /** Settles after each lease's first try. */
  started: Promise<void>;
  /** Releases every fan-out lease it holds, so another replica takes over at once. */
  stop(): Promise<void>;
}

/**
 * Keeps a fan-out lease per platform: held by this replica while it is free or its holder stopped
 * renewing. `acquired` runs each time one is taken (a tick at once: a dead holder's fan-out resumes
 * without waiting for the next minute).
 */
export function keepFanoutLeases(options: {
  leases: LeaseStore;
  replica: string;
  platforms: readonly ChannelRef['platform'][];
  leaseMs: number;
  logger: Logger;
  acquired: (platform: ChannelRef['platform']) => void;
  clock?: Clock;
}): FanoutLeases {
  const keepers = new Map<ChannelRef['platform'], LeaseKeeper>();
  for (const platform of options.platforms) {
    keepers.set(
      platform,
      keepLease({
        leases: options.leases,
        name: fanoutLeaseName(platform),
        holder: options.replica,
        timing: leaseTiming(options.leaseMs),
        logger: options.logger.child({ platform }),
        clock: options.clock,
        start: async () => {
          options.acquired(platform);
          // Nothing to stop: the gate closes with the lease, and claims already taken are the ledger's.
          return async () => undefined;
        },
      }),
    );
  }
  return {
    gate: (platform) => keepers.get(platform)?.holding() ?? false,
    started: Promise.all([...keepers.values()].map((keeper) => keeper.started)).then(() => undefined),
    stop: async () => {
      await Promise.all([...keepers.values()].map((keeper) => keeper.stop()));
    },
  };
}
