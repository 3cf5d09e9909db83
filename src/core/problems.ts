import type { CommandName } from './input.js';
import type { ZoneFault } from './schedule/schedule.js';
import type { ThresholdName } from './thresholds.js';

// Why a command's input can't be understood, as data: the parsers (Slack's text, Discord's options,
// the CLI's words) say which problem it is and what was typed; templates/<platform>/problem.hbs
// words it, and command-usage.hbs words the usage shown with it.

/** What `/top`'s and `/subscribe`'s words were given twice of. */
export const TWICE = ['number', 'country', 'weekday', 'time', 'zone'] as const;

export type InputProblem =
  | { kind: 'no_model' }
  /** `vs`: the models were typed as one text, to be separated by "vs" (Discord has two options). */
  | { kind: 'two_models'; vs: boolean }
  | { kind: 'unknown_option'; text: string }
  /** `/status now`, `/unsubscribe now`. */
  | { kind: 'takes_nothing'; command: CommandName; text: string }
  /** `/alerts on now`. */
  | { kind: 'switch_takes_nothing'; on: boolean }
  /** `got`: what was given for n, as typed. */
  | { kind: 'top_size'; got: string; max: number }
  | { kind: 'given_twice'; what: (typeof TWICE)[number]; first: string; second: string }
  | { kind: 'not_number_or_country'; text: string }
  | { kind: 'no_chart' }
  | { kind: 'unknown_chart'; text: string }
  | { kind: 'one_weeks'; text: string }
  | { kind: 'chart_weeks'; got: string; min: number; max: number }
  | { kind: 'no_threshold' }
  | { kind: 'unknown_threshold'; text: string }
  | { kind: 'no_value'; name: ThresholdName }
  /** `text`: what was typed for the value; null when Discord sent no number. */
  | { kind: 'not_a_number'; text: string | null }
  /** A threshold's value outside its schema's range (which `range` quotes). */
  | { kind: 'out_of_range'; name: ThresholdName; got: number; range: ThresholdRange }
  | { kind: 'no_charts_switch' }
  /** `text`: what was typed instead of on or off; null when Discord sent no switch. */
  | { kind: 'bad_charts_switch'; text: string | null }
  | { kind: 'no_watch_model'; action: 'watch' | 'unwatch' }
  | { kind: 'unknown_subcommand'; text: string }
  | { kind: 'bad_weekday'; text: string }
  | { kind: 'bad_time'; text: string }
  /** `guess`: the zone most like what was typed, if any. */
  | { kind: 'bad_zone'; text: string; fault: ZoneFault; guess: string | null }
  /** A `/subscribe` word that is none of weekday, time or zone. */
  | { kind: 'not_schedule_word'; text: string; guess: string | null };

export type ProblemKind = InputProblem['kind'];

/** A threshold's allowed values, read off its schema. */
export interface ThresholdRange {
  whole: boolean;
  min: number;
  max: number;
}

/**
 * Input that can't be understood: the reply is the problem plus the command's usage. `defaultZone`
 * is what `/subscribe` takes without a zone, which its usage names.
 */
export interface InputError {
  command: CommandName;
  problem: InputProblem;
  defaultZone: string;
}
