import type { Schedule } from './schedule/schedule.js';
import type { ChartKind } from './charts.js';
import type { ThresholdName } from './thresholds.js';

// What a user asked for, whatever the platform: Slack sends free text (parsed by `commands/parse.ts`),
// Discord sends typed options (mapped by its adapter). Both end up here, then in `commands/run.ts`.

export type AlertsAction =
  | { action: 'show' }
  | { action: 'set'; name: ThresholdName; value: number }
  | { action: 'reset'; name: ThresholdName | null }
  | { action: 'watch'; model: string }
  | { action: 'unwatch'; model: string }
  /** `/alerts on|off`: alerts between briefs for a subscribed channel. */
  | { action: 'switch'; on: boolean }
  | { action: 'charts'; on: boolean };

export type CommandInput =
  | { command: 'price'; query: string }
  | { command: 'top'; n: number; country: string | null }
  | { command: 'compare'; a: string; b: string }
  /** `force`: post even when this week was already delivered to the channel. */
  | { command: 'brief'; post: boolean; force: boolean }
  | { command: 'alerts'; alerts: AlertsAction }
  | { command: 'subscribe'; schedule: Schedule }
  | { command: 'unsubscribe' }
  | { command: 'status' }
  | { command: 'chart'; kind: ChartKind; weeks: number };

export type CommandName = CommandInput['command'];
export const COMMAND_NAMES: readonly CommandName[] = ['price', 'top', 'compare', 'brief', 'alerts', 'subscribe', 'unsubscribe', 'status', 'chart'];

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}
