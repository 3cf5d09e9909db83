import type { Store } from '../adapters/store/store.js';
import { lookupModel } from '../core/lookup.js';
import {
  DEFAULT_THRESHOLDS,
  EMPTY_CHANNEL_SETTINGS,
  effectiveThresholds,
  thresholdSchema,
  type ChannelSettings,
} from '../core/thresholds.js';
import type { CountryMap, IsoWeek } from '../core/types.js';
import { buildBrief } from '../jobs/brief.js';
import { loadWeek } from '../jobs/week.js';
import { compareAnswer } from './compare.js';
import type { AlertsAction, CommandInput } from './input.js';
import { lookupIndexFor, pricedModel } from './models.js';
import { explainNoMatch } from './no-match.js';
import { priceAnswer } from './price.js';
import type { Reply, SettingsChange } from './reply.js';
import { topAnswer } from './top.js';

export interface CommandDeps {
  store: Store;
  countries: CountryMap;
  /** The configured source's name, for the brief's data line. */
  source: string;
}

export interface CommandContext {
  /** Platform-qualified channel id (`slack:T1:C1`, `discord:G1:C1`): settings are kept per channel. */
  channel: string;
  /** Asked only when the command needs it (a Slack `users.info` call is not free). */
  isAdmin: () => Promise<boolean>;
  /** The week asked about (the CLI's `--week`); chat always asks about the latest one. */
  week?: IsoWeek | undefined;
}

/** Runs one command for one channel. Never throws for bad input: that is a reply too. */
export async function runCommand(deps: CommandDeps, input: CommandInput, ctx: CommandContext): Promise<Reply> {
  switch (input.command) {
    case 'price':
    case 'top':
    case 'compare': {
      const data = await loadWeek(deps.store, { week: ctx.week, countries: deps.countries, thresholds: DEFAULT_THRESHOLDS });
      const answer =
        input.command === 'price'
          ? priceAnswer(data, input.query)
          : input.command === 'top'
            ? topAnswer(data, { n: input.n, ...(input.country === null ? {} : { country: input.country }) })
            : compareAnswer(data, input.a, input.b);
      const shared = answer.kind === 'price' || answer.kind === 'top' || answer.kind === 'compare';
      const explained = answer.kind === 'no_match' ? await explainNoMatch(deps.store, data, answer) : answer;
      return { kind: 'answer', answer: explained, visibility: shared ? 'channel' : 'asker' };
    }
    case 'brief': {
      if (input.post && !(await ctx.isAdmin())) return { kind: 'forbidden', action: 'post the brief', visibility: 'asker' };
      const settings = await settingsOf(deps.store, ctx.channel);
      const brief = await buildBrief(deps.store, {
        week: ctx.week,
        countries: deps.countries,
        thresholds: effectiveThresholds(settings),
        watchlist: settings.watchlist,
        source: deps.source,
      });
      if (input.post) return { kind: 'brief_post', brief, visibility: 'channel' };
      // The same week under the defaults, so the preview can say what this channel's settings change.
      const defaults = await loadWeek(deps.store, { week: brief.market.week, countries: deps.countries, thresholds: DEFAULT_THRESHOLDS });
      return { kind: 'brief_preview', brief, settings, defaultSignals: defaults.signals.length, visibility: 'asker' };
    }
    case 'alerts':
      return alerts(deps, input.alerts, ctx);
  }
}

async function settingsOf(store: Store, channel: string): Promise<ChannelSettings> {
  return (await store.channelSettings(channel)) ?? EMPTY_CHANNEL_SETTINGS;
}

/** An admin's change: a pure function of the stored settings, applied by the store in one transaction. */
interface Planned {
  update: (current: ChannelSettings) => ChannelSettings;
  change: SettingsChange;
}

async function alerts(deps: CommandDeps, action: AlertsAction, ctx: CommandContext): Promise<Reply> {
  const show = (settings: ChannelSettings, change: SettingsChange | null): Reply => ({
    kind: 'settings',
    thresholds: effectiveThresholds(settings),
    settings,
    change,
    visibility: 'asker',
  });
  if (action.action === 'show') return show(await settingsOf(deps.store, ctx.channel), null);
  if (!(await ctx.isAdmin())) return { kind: 'forbidden', action: 'change this channel\'s alerts', visibility: 'asker' };

  // Everything that awaits happens while planning; the update itself sees the freshest settings, so
  // two admins changing one channel at once both keep their change.
  const planned = await plan(deps, action, ctx);
  if ('kind' in planned) return planned;
  return show(await deps.store.updateChannelSettings(ctx.channel, planned.update), planned.change);
}

async function plan(deps: CommandDeps, action: Exclude<AlertsAction, { action: 'show' }>, ctx: CommandContext): Promise<Planned | Reply> {
  switch (action.action) {
    case 'set': {
      const checked = thresholdSchema(action.name).safeParse(action.value);
      if (!checked.success) {
        const range = describeRange(action.name);
        return { kind: 'usage', command: 'alerts', problem: `${action.name} must be ${range}; got ${action.value}.`, usage: `/alerts set ${action.name} <${range}>`, visibility: 'asker' };
      }
      const value = checked.data;
      return {
        update: (current) => ({ ...current, thresholds: { ...current.thresholds, [action.name]: value } }),
        change: { action: 'set', name: action.name, value },
      };
    }
    case 'reset': {
      const { name } = action;
      return {
        update: (current) => ({
          ...current,
          thresholds: name === null ? {} : Object.fromEntries(Object.entries(current.thresholds).filter(([key]) => key !== name)),
        }),
        change: { action: 'reset', name },
      };
    }
    case 'watch':
    case 'unwatch': {
      const data = await loadWeek(deps.store, { countries: deps.countries, thresholds: DEFAULT_THRESHOLDS });
      const found = lookupModel(lookupIndexFor(data), action.model);
      // A watched model gone from the data can still be unwatched by the id the watchlist shows.
      const listed = (await settingsOf(deps.store, ctx.channel)).watchlist.includes(action.model);
      const id = found.match?.id ?? (listed ? action.model : null);
      if (id === null) {
        const suggestions = found.alternatives.map((e) => pricedModel(data, e.id));
        return { kind: 'answer', answer: { kind: 'no_match', query: action.model, suggestions }, visibility: 'asker' };
      }
      const watching = action.action === 'watch';
      return {
        update: (current) => ({
          ...current,
          watchlist: watching ? [...new Set([...current.watchlist, id])] : current.watchlist.filter((m) => m !== id),
        }),
        change: { action: action.action, model: id },
      };
    }
  }
}

/** "a whole number from 3 to 50", read off the schema so messages never drift from the rules. */
function describeRange(name: Parameters<typeof thresholdSchema>[0]): string {
  const schema = thresholdSchema(name);
  const whole = schema.format === 'safeint' || schema.isInt ? 'a whole number' : 'a number';
  return `${whole} from ${schema.minValue} to ${schema.maxValue}`;
}
