import type { CommandName } from '../core/input.js';
import { subscribeUsage } from './subscribe.js';

/** How to use each command, shown when the input can't be understood. */
export const USAGE: Readonly<Record<CommandName, string>> = {
  price: '/price <model> — e.g. /price kimi, /price claude opus',
  top: '/top [n] [country] — e.g. /top, /top 5, /top 10 CN (n from 1 to 25)',
  compare: '/compare <model> vs <model> — e.g. /compare kimi vs opus',
  brief: '/brief — preview this week\'s brief (only you see it); /brief post — post it here (admins); /brief post force — post a week already posted here again',
  alerts:
    '/alerts — show this channel\'s thresholds; /alerts set <name> <value>, /alerts set charts on|off, /alerts reset [name], /alerts watch <model>, /alerts unwatch <model>, /alerts on|off (admins)',
  subscribe: subscribeUsage('UTC'),
  unsubscribe: '/unsubscribe — stop the weekly brief and alerts in this channel (admins)',
  status: '/status — data, refreshes, this channel\'s schedule and deliveries',
  chart: '/chart share|top [weeks] — e.g. /chart share (token share by country bloc, 12 weeks), /chart share 26, /chart top (weeks from 2 to 52)',
};
