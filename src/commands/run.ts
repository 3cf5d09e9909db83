import type { Store } from '../adapters/store/store.js';
import { lookupModel } from '../core/lookup.js';
import {
  DEFAULT_THRESHOLDS,
  EMPTY_CHANNEL_SETTINGS,
  effectiveThresholds,
  thresholdSchema,
  type ChannelSettings,
} from '../core/thresholds.js';
import type { CountryMap } from '../core/types.js';
import { buildBrief } from '../jobs/brief.js';
import { loadWeek } from '../jobs/week.js';
import { compareAnswer } from './compare.js';
import type { AlertsAction, CommandInput } from './input.js';
import { lookupIndexFor, pricedModel } from './models.js';
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
}

/** Runs one command for one channel. Never throws for bad input: that is a reply too. */
export async function runCommand(deps: CommandDeps, input: CommandInput, ctx: CommandContext): Promise<Reply> {
  switch (input.command) {
    case 'price':
    case 'top':
    case 'compare': {
      const data = await loadWeek(deps.store, { countries: deps.countries, thresholds: DEFAULT_THRESHOLDS });
      const answer =
        input.command === 'price'
          ? priceAnswer(data, input.query)
          : input.command === 'top'
            ? topAnswer(data, { n: input.n, ...(input.country === null ? {} : { country: input.country }) })
            : compareAnswer(data, input.a, input.b);
      const shared = answer.kind === 'price' || answer.kind === 'top' || answer.kind === 'compare';
      return { kind: 'answer', answer, visibility: shared ? 'channel' : 'asker' };
    }
    case 'brief': {
      if (input.post && !(await ctx.isAdmin())) return { kind: 'forbidden', action: 'post the brief', visibility: 'asker' };
      const settings = await settingsOf(deps.store, ctx.channel);
      const brief = await buildBrief(deps.store, { countries: deps.countries, thresholds: effectiveThresholds(settings), source: deps.source });
      return input.post ? { kind: 'brief_post', brief, visibility: 'channel' } : { kind: 'brief_preview', brief, settings, visibility: 'asker' };
    }
    case 'alerts':
      return alerts(deps, input.alerts, ctx);
  }
}

async function settingsOf(store: Store, channel: string): Promise<ChannelSettings> {
  return (await store.channelSettings(channel)) ?? EMPTY_CHANNEL_SETTINGS;
}

async function alerts(deps: CommandDeps, action: AlertsAction, ctx: CommandContext): Promise<Reply> {
  const current = await settingsOf(deps.store, ctx.channel);
  const show = (settings: ChannelSettings, change: SettingsChange | null): Reply => ({
    kind: 'settings',
    thresholds: effectiveThresholds(settings),
    settings,
    change,
    visibility: 'asker',
  });
  if (action.action === 'show') return show(current, null);
  if (!(await ctx.isAdmin())) return { kind: 'forbidden', action: 'change this channel\'s alerts', visibility: 'asker' };

  switch (action.action) {
    case 'set': {
      const checked = thresholdSchema(action.name).safeParse(action.value);
      if (!checked.success) {
        const range = describeRange(action.name);
        return { kind: 'usage', command: 'alerts', problem: `${action.name} must be ${range}; got ${action.value}.`, usage: `/alerts set ${action.name} <${range}>`, visibility: 'asker' };
      }
      const next = { ...current, thresholds: { ...current.thresholds, [action.name]: checked.data } };
      await deps.store.saveChannelSettings(ctx.channel, next);
      return show(next, { action: 'set', name: action.name, value: checked.data });
    }
    case 'reset': {
      const thresholds = action.name === null ? {} : Object.fromEntries(Object.entries(current.thresholds).filter(([name]) => name !== action.name));
      const next = { ...current, thresholds };
      await deps.store.saveChannelSettings(ctx.channel, next);
      return show(next, { action: 'reset', name: action.name });
    }
    case 'watch':
    case 'unwatch': {
      const data = await loadWeek(deps.store, { countries: deps.countries, thresholds: DEFAULT_THRESHOLDS });
      const found = lookupModel(lookupIndexFor(data), action.model);
      const id = found.match?.id ?? (current.watchlist.includes(action.model) ? action.model : null);
      if (id === null) {
        const suggestions = found.alternatives.map((e) => pricedModel(data, e.id));
        return { kind: 'answer', answer: { kind: 'no_match', query: action.model, suggestions }, visibility: 'asker' };
      }
      const watchlist = action.action === 'watch' ? [...new Set([...current.watchlist, id])] : current.watchlist.filter((m) => m !== id);
      const next = { ...current, watchlist };
      await deps.store.saveChannelSettings(ctx.channel, next);
      return show(next, { action: action.action, model: id });
    }
  }
}

/** "a whole number from 3 to 50", read off the schema so messages never drift from the rules. */
function describeRange(name: Parameters<typeof thresholdSchema>[0]): string {
  const schema = thresholdSchema(name);
  const whole = schema.format === 'safeint' || schema.isInt ? 'a whole number' : 'a number';
  return `${whole} from ${schema.minValue} to ${schema.maxValue}`;
}
