import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { CHART_KINDS, DEFAULT_CHART_WEEKS, MAX_CHART_WEEKS, MIN_CHART_WEEKS } from '../../core/charts.js';
import { THRESHOLD_NAMES } from '../../core/thresholds.js';
import { WEEKDAYS } from '../../core/schedule/schedule.js';
import { OTHER, UNATTRIBUTED, type CountryMap } from '../../core/types.js';
import { formatFlag } from '../../render/format.js';

// The slash commands as registered with Discord. Options are typed, so Discord validates what a
// member types (n from 1 to 25, a country from the list) and `options.ts` maps them straight to
// CommandInput without parsing text. Model and time-zone options autocomplete (see autocomplete.ts).

/** Discord allows at most 25 choices per option. */
const MAX_CHOICES = 25;
/** The blocs people ask about first; the rest follow alphabetically. */
const LEADING_BLOCS = ['CN', 'US'];

const MANAGE_SERVER = PermissionFlagsBits.ManageGuild.toString();

const modelOption = (name: string, description: string): APIApplicationCommandBasicOption => ({
  name,
  description,
  type: ApplicationCommandOptionType.String,
  required: true,
  autocomplete: true,
  max_length: 100,
});

/** The country blocs of the lab → country map, plus unattributed (stealth, routers, unknown labs). */
export function countryChoices(countries: CountryMap): APIApplicationCommandOptionChoice<string>[] {
  const codes = [...new Set(Object.values(countries))].filter((code) => code !== UNATTRIBUTED && code !== OTHER);
  codes.sort((a, b) => {
    const rank = (code: string) => (LEADING_BLOCS.includes(code) ? LEADING_BLOCS.indexOf(code) : LEADING_BLOCS.length);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const blocs = codes.slice(0, MAX_CHOICES - 1).map((code) => ({ name: `${formatFlag(code)} ${code}`, value: code }));
  return [...blocs, { name: 'Unattributed (stealth, routers, unknown labs)', value: UNATTRIBUTED }];
}

const thresholdChoices = THRESHOLD_NAMES.map((name) => ({ name, value: name }));
const weekdayChoices = WEEKDAYS.map((day) => ({ name: day.charAt(0).toUpperCase() + day.slice(1), value: day }));

/** Every command, in the body of `PUT /applications/{app}/commands` (a bulk overwrite). */
export function commandDefinitions(countries: CountryMap): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const common = { contexts: [InteractionContextType.Guild], integration_types: [ApplicationIntegrationType.GuildInstall] };
  return [
    {
      ...common,
      name: 'price',
      description: "A model's prices per 1M tokens, rank and usage this week",
      options: [modelOption('model', 'Model name or id, e.g. kimi, claude opus')],
    },
    {
      ...common,
      name: 'top',
      description: "This week's most used models",
      options: [
        { name: 'n', description: 'How many models (1 to 25, default 10)', type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 25 },
        { name: 'country', description: "Only this bloc's models", type: ApplicationCommandOptionType.String, choices: countryChoices(countries) },
      ],
    },
    {
      ...common,
      name: 'compare',
      description: 'Two models side by side: prices, rank and usage',
      options: [modelOption('a', 'First model'), modelOption('b', 'Second model')],
    },
    {
      ...common,
      name: 'brief',
      description: "This week's brief: a preview only you see, or posted here (Manage Server)",
      options: [
        { name: 'post', description: 'Post it in this channel for everyone (needs Manage Server)', type: ApplicationCommandOptionType.Boolean },
        { name: 'force', description: 'Post it even if this week was already posted here (needs Manage Server)', type: ApplicationCommandOptionType.Boolean },
      ],
    },
    {
      ...common,
      name: 'alerts',
      description: "This channel's alert thresholds and watched models",
      // Hidden from members without Manage Server by default; checked again when it runs, because
      // server admins can change who sees a command.
      default_member_permissions: MANAGE_SERVER,
      options: [
        { name: 'show', description: "Show this channel's thresholds and watchlist", type: ApplicationCommandOptionType.Subcommand },
        {
          name: 'set',
          description: 'Change one threshold for this channel',
          type: ApplicationCommandOptionType.Subcommand,
          options: [
            { name: 'name', description: 'Threshold', type: ApplicationCommandOptionType.String, required: true, choices: thresholdChoices },
            { name: 'value', description: 'New value (minTokens in tokens, e.g. 100000000000)', type: ApplicationCommandOptionType.Number, required: true },
          ],
        },
        {
          name: 'reset',
          description: 'Back to the default: one threshold, or all of them',
          type: ApplicationCommandOptionType.Subcommand,
          options: [{ name: 'name', description: 'Threshold (all when left out)', type: ApplicationCommandOptionType.String, choices: thresholdChoices }],
        },
        {
          name: 'charts',
          description: "Whether this channel's briefs carry a chart (on by default)",
          type: ApplicationCommandOptionType.Subcommand,
          options: [{ name: 'on', description: 'On (true) or off (false)', type: ApplicationCommandOptionType.Boolean, required: true }],
        },
        { name: 'watch', description: "Hear about every signal of a model", type: ApplicationCommandOptionType.Subcommand, options: [modelOption('model', 'Model to watch')] },
        { name: 'unwatch', description: 'Stop watching a model', type: ApplicationCommandOptionType.Subcommand, options: [modelOption('model', 'Model to stop watching')] },
        { name: 'on', description: 'Post alerts between briefs in this subscribed channel', type: ApplicationCommandOptionType.Subcommand },
        { name: 'off', description: 'No alerts between briefs here (the weekly brief still comes)', type: ApplicationCommandOptionType.Subcommand },
      ],
    },
    {
      ...common,
      name: 'subscribe',
      description: 'Post the weekly brief in this channel on a schedule (Manage Server)',
      default_member_permissions: MANAGE_SERVER,
      options: [
        { name: 'weekday', description: 'Day of the week (default Monday)', type: ApplicationCommandOptionType.String, choices: weekdayChoices },
        { name: 'time', description: 'Local time, HH:MM on a 24-hour clock (default 09:00)', type: ApplicationCommandOptionType.String, max_length: 8 },
        { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin (default: the bot\'s)', type: ApplicationCommandOptionType.String, autocomplete: true, max_length: 64 },
      ],
    },
    {
      ...common,
      name: 'unsubscribe',
      description: 'Stop the weekly brief and alerts in this channel (Manage Server)',
      default_member_permissions: MANAGE_SERVER,
    },
    {
      ...common,
      name: 'status',
      description: "Data, refreshes, this channel's schedule and deliveries",
    },
    {
      ...common,
      name: 'chart',
      description: 'The market as a chart: token share by country bloc, or the top 10 models',
      options: [
        { name: 'kind', description: 'Which chart', type: ApplicationCommandOptionType.String, required: true, choices: CHART_CHOICES },
        {
          name: 'weeks',
          description: `Weeks the share chart spans (${MIN_CHART_WEEKS} to ${MAX_CHART_WEEKS}, default ${DEFAULT_CHART_WEEKS})`,
          type: ApplicationCommandOptionType.Integer,
          min_value: MIN_CHART_WEEKS,
          max_value: MAX_CHART_WEEKS,
        },
      ],
    },
  ];
}

const CHART_LABELS: Readonly<Record<(typeof CHART_KINDS)[number], string>> = {
  share: 'Token share by country bloc, week by week',
  top: "This week's top 10 models",
};
const CHART_CHOICES = CHART_KINDS.map((kind) => ({ name: CHART_LABELS[kind], value: kind }));
