import type { ChannelSettings, ThresholdName, Thresholds } from './thresholds.js';
import type { ChartData } from './charts.js';
import type { Brief } from './types.js';
import type { Answer } from './answers.js';
import type { CommandName } from './input.js';

/**
 * What a command produces, for any platform. `visibility` is decided here, once, so Slack and
 * Discord behave alike: answers people share go to the channel, everything personal or failing
 * only to the asker.
 */
export type Reply = { visibility: 'channel' | 'asker' } & (
  | { kind: 'answer'; answer: Answer }
  /**
   * `/brief`: the brief as this channel's thresholds and watchlist make it, with how many signals the
   * default thresholds (and no watchlist) would fire, so the preview can say what the settings change.
   */
  | { kind: 'brief_preview'; brief: Brief; settings: ChannelSettings; defaultSignals: number }
  /** `/brief post`: the brief, to be posted in the channel; `charts` when the channel wants its chart with it. */
  | { kind: 'brief_post'; brief: Brief; charts: boolean }
  /** `/chart`: the chart's data; the platform adapter draws it. */
  | { kind: 'chart'; chart: ChartData }
  | { kind: 'settings'; thresholds: Thresholds; settings: ChannelSettings; change: SettingsChange | null }
  | { kind: 'forbidden'; action: string }
  | { kind: 'usage'; command: CommandName; problem: string; usage: string }
);

/** What an admin just changed, for the confirmation line. */
export type SettingsChange =
  | { action: 'set'; name: ThresholdName; value: number }
  | { action: 'reset'; name: ThresholdName | null }
  | { action: 'watch' | 'unwatch'; model: string }
  | { action: 'charts'; on: boolean };
