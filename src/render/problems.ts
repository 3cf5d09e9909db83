import { CHART_KINDS } from '../core/charts.js';
import { COMMAND_NAMES } from '../core/input.js';
import { TWICE, type InputError, type InputProblem, type ProblemKind } from '../core/problems.js';
import { DEFAULT_TIME, DEFAULT_WEEKDAY, WEEKDAYS, ZONE_FAULTS } from '../core/schedule/schedule.js';
import { THRESHOLD_NAMES } from '../core/thresholds.js';
import { escapeFor, type Platform } from './escape.js';
import { zoneText } from './schedule-replies.js';
import { kindFlags, TEMPLATES, type Templates } from './templates.js';

// Input a command could not understand, as its user is told: the problem
// (templates/<platform>/problem.hbs) and the command's usage (command-usage.hbs). Here only what
// was typed is escaped; the lists the problems quote come from core.

/** Every kind, for the template's `is.<kind>` flags: a record, so a new kind cannot be left out. */
const KINDS: Record<ProblemKind, null> = {
  no_model: null,
  two_models: null,
  unknown_option: null,
  takes_nothing: null,
  switch_takes_nothing: null,
  top_size: null,
  given_twice: null,
  not_number_or_country: null,
  no_chart: null,
  unknown_chart: null,
  one_weeks: null,
  chart_weeks: null,
  no_threshold: null,
  unknown_threshold: null,
  no_value: null,
  not_a_number: null,
  out_of_range: null,
  no_charts_switch: null,
  bad_charts_switch: null,
  no_watch_model: null,
  unknown_subcommand: null,
  bad_weekday: null,
  bad_time: null,
  bad_zone: null,
  not_schedule_word: null,
};
const PROBLEM_KINDS = Object.keys(KINDS);

/** The usage lines: one a command, and `/alerts set`'s own for a value out of range. */
const USAGE_LINES = [...COMMAND_NAMES, 'alerts_set'];

function problemView(platform: Platform, problem: InputProblem): object {
  const base = { is: kindFlags(PROBLEM_KINDS, problem.kind), weekdays: WEEKDAYS, charts: CHART_KINDS, thresholds: THRESHOLD_NAMES };
  const typed = (text: string) => escapeFor(platform, text);
  const zone = (guess: string | null) => (guess === null ? null : zoneText(platform, guess));
  switch (problem.kind) {
    case 'given_twice':
      return { ...base, what: kindFlags(TWICE, problem.what), first: typed(problem.first), second: typed(problem.second) };
    case 'bad_zone':
      return { ...base, text: typed(problem.text), fault: kindFlags(ZONE_FAULTS, problem.fault), guess: zone(problem.guess) };
    case 'not_schedule_word':
      return { ...base, text: typed(problem.text), guess: zone(problem.guess) };
    default: {
      // The other kinds' strings are what was typed (names and actions are plain words already).
      const { kind: _kind, ...fields } = problem;
      return { ...base, ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? typed(value) : value])) };
    }
  }
}

/** The problem alone, one sentence: the CLI prints it with its own usage. */
export function renderProblem(problem: InputProblem, platform: Platform, templates: Templates = TEMPLATES): string {
  const text = templates.render(platform, 'problem', problemView(platform, problem));
  // A kind a platform's template has no line for would otherwise be an empty reason.
  if (text === '') throw new Error(`templates/${platform}/problem.hbs has no line for ${problem.kind}`);
  return text;
}

/** The chat reply: the problem, and how the command is used. */
export function renderInputError(error: InputError, platform: Platform, templates: Templates = TEMPLATES): string {
  const { problem } = error;
  const usage = templates.render(platform, 'command-usage', {
    is: kindFlags(USAGE_LINES, problem.kind === 'out_of_range' ? 'alerts_set' : error.command),
    ...(problem.kind === 'out_of_range' ? { name: problem.name, range: problem.range } : {}),
    defaultWeekday: DEFAULT_WEEKDAY,
    defaultTime: DEFAULT_TIME,
    defaultZone: zoneText(platform, error.defaultZone),
  });
  return templates.render(platform, 'usage', { problem: renderProblem(problem, platform, templates), usage });
}
