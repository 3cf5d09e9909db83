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
