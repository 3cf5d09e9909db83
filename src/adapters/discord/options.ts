import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import { isCommandName, type AlertsAction, type CommandInput } from '../../core/input.js';
import { thresholdName } from '../../commands/parse.js';
import { parseSubscribeOptions } from '../../commands/subscribe.js';
import { isTopSize, TOP_MAX } from '../../commands/top.js';
import { CHART_KINDS, DEFAULT_CHART_WEEKS, isChartWeeks, MAX_CHART_WEEKS, MIN_CHART_WEEKS, type ChartKind } from '../../core/charts.js';
import type { InputProblem } from '../../core/problems.js';
import type { Reply } from '../../core/reply.js';
import type { Failure } from '../../render/failures.js';

// Discord sends typed options (registered in commands.ts), so a command maps straight to the same
// CommandInput that Slack's text parser produces; only what Discord cannot enforce is checked here.

export type OptionValue = string | number | boolean;

/** A slash command as Discord delivered it, stripped of the SDK: name, subcommand, option values. */
export interface DiscordInvocation {
  command: string;
  subcommand: string | null;
  options: Readonly<Record<string, OptionValue>>;
}

/** The invocation inside a discord.js interaction. */
export function invocationOf(interaction: { commandName: string; options: { readonly data: readonly CommandInteractionOption[] } }): DiscordInvocation {
  const [first] = interaction.options.data;
  const nested = first?.type === ApplicationCommandOptionType.Subcommand;
  const leaves = nested ? (first.options ?? []) : interaction.options.data;
  const options: Record<string, OptionValue> = {};
  for (const option of leaves) if (option.value !== undefined) options[option.name] = option.value;
  return { command: interaction.commandName, subcommand: nested ? first.name : null, options };
}

/** A command's input, or the reply that explains why there is none (a failure for a command tokenbrief does not have). */
export type Mapped = { ok: true; input: CommandInput } | { ok: false; reply: Reply } | { ok: false; failure: Failure };

type Fail = (problem: InputProblem) => Mapped;

/** Text as Slack's parser sees it: trimmed, inner whitespace collapsed. */
function text(options: DiscordInvocation['options'], name: string): string | null {
  const value = options[name];
  return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : null;
}

/**
 * The CommandInput of an invocation, the same Slack's parser makes of the same request.
 * `defaultZone` is what `/subscribe` takes without a time zone (TOKENBRIEF_TZ, else UTC).
 */
export function toCommandInput(invocation: DiscordInvocation, defaultZone = 'UTC'): Mapped {
  const { command, options } = invocation;
  if (!isCommandName(command)) {
    // A command registered by an older version of tokenbrief.
    return { ok: false, failure: { kind: 'retired_command', command: `/${command}` } };
  }
  const ok = (input: CommandInput): Mapped => ({ ok: true, input });
  const fail: Fail = (problem) => ({ ok: false, reply: { kind: 'usage', command, problem, defaultZone, visibility: 'asker' } });
  switch (command) {
    case 'price': {
      const query = text(options, 'model');
      return query ? ok({ command, query }) : fail({ kind: 'no_model' });
    }
    case 'top': {
      const n = options.n ?? 10;
      if (!isTopSize(n)) return fail({ kind: 'top_size', got: String(n), max: TOP_MAX });
      return ok({ command, n, country: text(options, 'country') || null });
    }
    case 'compare': {
      const a = text(options, 'a');
      const b = text(options, 'b');
      return a && b ? ok({ command, a, b }) : fail({ kind: 'two_models', vs: false });
    }
    case 'brief':
      return ok({ command, post: options.post === true || options.force === true, force: options.force === true });
    case 'alerts':
      return alerts(invocation, fail);
    case 'subscribe': {
      const parsed = parseSubscribeOptions({ weekday: text(options, 'weekday'), time: text(options, 'time'), timezone: text(options, 'timezone') }, defaultZone);
      return parsed.ok ? ok({ command, schedule: parsed.schedule }) : fail(parsed.problem);
    }
    case 'unsubscribe':
    case 'status':
      return ok({ command });
    case 'chart': {
      const kind = text(options, 'kind') ?? '';
      if (!CHART_KINDS.includes(kind as ChartKind)) return fail({ kind: 'unknown_chart', text: kind });
      const weeks = options.weeks ?? DEFAULT_CHART_WEEKS;
      if (!isChartWeeks(weeks)) return fail({ kind: 'chart_weeks', got: String(weeks), min: MIN_CHART_WEEKS, max: MAX_CHART_WEEKS });
      return ok({ command, kind: kind as ChartKind, weeks });
    }
  }
}

function alerts({ subcommand, options }: DiscordInvocation, fail: Fail): Mapped {
  const ok = (action: AlertsAction): Mapped => ({ ok: true, input: { command: 'alerts', alerts: action } });
  const unknownThreshold = (name: string) => fail({ kind: 'unknown_threshold', text: name });
  switch (subcommand) {
    case null:
    case 'show':
      return ok({ action: 'show' });
    case 'set': {
      const raw = text(options, 'name') ?? '';
      const name = thresholdName(raw);
      const value = options.value;
      if (!name) return unknownThreshold(raw);
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail({ kind: 'not_a_number', text: null });
      return ok({ action: 'set', name, value });
    }
    case 'reset': {
      const raw = text(options, 'name');
      if (!raw) return ok({ action: 'reset', name: null });
      const name = thresholdName(raw);
      return name ? ok({ action: 'reset', name }) : unknownThreshold(raw);
    }
    case 'on':
    case 'off':
      return ok({ action: 'switch', on: subcommand === 'on' });
    case 'charts':
      return typeof options.on === 'boolean' ? ok({ action: 'charts', on: options.on }) : fail({ kind: 'bad_charts_switch', text: null });
    case 'watch':
    case 'unwatch': {
      const model = text(options, 'model');
      return model ? ok({ action: subcommand, model }) : fail({ kind: 'no_watch_model', action: subcommand });
    }
    default:
      return fail({ kind: 'unknown_subcommand', text: subcommand });
  }
}
