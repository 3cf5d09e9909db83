import type { CommandDeps } from '../../src/commands/run.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { DEFAULT_COUNTRY_MAP } from '../../src/core/identity.js';
import type { Store } from '../../src/core/ports/store.js';
import { createChartReader } from '../../src/jobs/chart.js';
import { createWeekReader } from '../../src/jobs/week.js';

/** What the bot gives the commands, over one store with the built-in country map. */
export function commandDeps(store: Store): CommandDeps {
  return {
    weeks: createWeekReader(store, DEFAULT_COUNTRY_MAP),
    channels: store,
    charts: createChartReader(store, DEFAULT_COUNTRY_MAP),
    schedule: store,
    defaultZone: 'UTC',
    now: () => new Date(),
    catalogs: store,
  };
}

/** A channel of the test workspace T1. */
export const slackChannelRef = (channel: string): ChannelRef => ({ platform: 'slack', workspace: 'T1', channel });
