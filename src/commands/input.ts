import type { ChartKind } from '../core/charts.js';
import type { ThresholdName } from '../core/thresholds.js';

// What a user asked for, whatever the platform: Slack sends free text (parsed by `parse.ts`),
// Discord sends typed options (mapped by its adapter). Both end up here, then in `run.ts`.

export type AlertsAction =
  | { action: 'show' }
  | { action: 'set'; name: ThresholdName; value: number }
  | { action: 'reset'; name: ThresholdName | null }
  | { action: 'watch'; model: string }
  | { action: 'unwatch'; model: string }
  | { action: 'charts'; on: boolean };

export type CommandInput =
  | { command: 'price'; query: string }
  | { command: 'top'; n: number; country: string | null }
  | { command: 'compare'; a: string; b: string }
  | { command: 'brief'; post: boolean }
  | { command: 'alerts'; alerts: AlertsAction }
  | { command: 'chart'; kind: ChartKind; weeks: number };

export type CommandName = CommandInput['command'];
export const COMMAND_NAMES: readonly CommandName[] = ['price', 'top', 'compare', 'brief', 'alerts', 'chart'];

/** How to use each command, shown when the input can't be understood. */
export const USAGE: Readonly<Record<CommandName, string>> = {
  price: '/price <model> — e.g. /price kimi, /price claude opus',
  top: '/top [n] [country] — e.g. /top, /top 5, /top 10 CN (n from 1 to 25)',
  compare: '/compare <model> vs <model> — e.g. /compare kimi vs opus',
  brief: '/brief — preview this week\'s brief (only you see it); /brief post — post it here (admins)',
  alerts:
    '/alerts — show this channel\'s thresholds; /alerts set <name> <value>, /alerts set charts on|off, /alerts reset [name], /alerts watch <model>, /alerts unwatch <model> (admins)',
  chart: '/chart share|top [weeks] — e.g. /chart share (token share by country bloc, 12 weeks), /chart share 26, /chart top (weeks from 2 to 52)',
};
