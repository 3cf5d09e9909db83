import { formatChannelRef, type ChannelRef } from '../core/channel.js';
import type { AlertsAction, CommandInput } from '../core/input.js';
import { lookupModel } from '../core/lookup.js';
import { briefFor, signalsFor } from '../core/market-week.js';
import type { CatalogStore } from '../core/ports/catalog.js';
import type { ChannelStore } from '../core/ports/channels.js';
import type { ChartReader, ChartRenderer } from '../core/ports/charts.js';
import type { Logger } from '../core/ports/logger.js';
import type { WeekReader } from '../core/ports/weeks.js';
import type { BriefPoster } from '../core/ports/poster.js';
import type { DeliveryLedger, RefreshLog, SubscriptionStore } from '../core/ports/schedule.js';
import { postBrief } from './post.js';
import { status, subscribe, switchAlerts, unsubscribe } from './schedule.js';
import type { Reply, SettingsChange } from '../core/reply.js';
import {
  DEFAULT_THRESHOLDS,
  EMPTY_CHANNEL_SETTINGS,
  chartsOn,
  effectiveThresholds,
  thresholdSchema,
  type ChannelSettings,
  type ThresholdName,
} from '../core/thresholds.js';
import type { ThresholdRange } from '../core/problems.js';
import type { IsoWeek } from '../core/types.js';
import { compareAnswer } from './compare.js';
import { lookupIndexFor, pricedModel } from './models.js';
import { explainNoMatch } from './no-match.js';
import { priceAnswer } from './price.js';
import { topAnswer } from './top.js';

export interface CommandDeps {
  /** Built weeks: a command computes only what its channel's settings make of one. */
  weeks: WeekReader;
  /** Alert settings, kept per channel. */
  channels: ChannelStore;
  /** Subscriptions, the delivery ledger (`/brief post` is recorded in it) and the refresh log. */
  schedule: SubscriptionStore & DeliveryLedger & RefreshLog;
  /** The zone `/subscribe` takes when none is given: TOKENBRIEF_TZ, else UTC. */
  defaultZone: string;
  now: () => Date;
  /** Charts' data, read from the stores. */
  charts: ChartReader;
  /** The newest catalog and price history: "no model matches" says when a model was listed after the week asked about. */
  catalogs: Pick<CatalogStore, 'latestCatalog' | 'priceHistory'>;
}

export interface CommandContext {
  /** The channel asked in: settings are kept per channel. */
  channel: ChannelRef;
  /** Who asked (the platform's user id): the admin told about a subscription's trouble. */
  userId: string;
  /** Asked only when the command needs it (a Slack `users.info` call is not free). */
  isAdmin: () => Promise<boolean>;
  /** The week asked about (the CLI's `--week`); chat always asks about the latest one. */
  week?: IsoWeek | undefined;
  /** Posts into the channel (`/brief post`): the platform's poster. */
  poster: BriefPoster;
  /** Draws the posted brief's chart. */
  renderChart: ChartRenderer;
  /** The command's log: a chart that failed is told here, not to the channel. */
  logger: Logger;
}

/** Runs one command for one channel. Never throws for bad input: that is a reply too. */
export async function runCommand(deps: CommandDeps, input: CommandInput, ctx: CommandContext): Promise<Reply> {
  switch (input.command) {
    case 'price':
    case 'top':
    case 'compare': {
      const data = await deps.weeks.read(ctx.week);
      const answer =
        input.command === 'price'
          ? priceAnswer(data, input.query)
          : input.command === 'top'
            ? topAnswer(data, { n: input.n, ...(input.country === null ? {} : { country: input.country }) })
            : compareAnswer(data, input.a, input.b);
      const shared = answer.kind === 'price' || answer.kind === 'top' || answer.kind === 'compare';
      const explained = answer.kind === 'no_match' ? await explainNoMatch(deps.catalogs, data, answer) : answer;
      return { kind: 'answer', answer: explained, visibility: shared ? 'channel' : 'asker' };
    }
    case 'brief': {
      if (input.post && !(await ctx.isAdmin())) return { kind: 'forbidden', action: 'post_brief', visibility: 'asker' };
      const settings = await settingsOf(deps.channels, ctx.channel);
      const week = await deps.weeks.read(ctx.week);
      const brief = briefFor(week, { thresholds: effectiveThresholds(settings), watchlist: settings.watchlist });
      if (input.post) return postBrief(deps, brief, { force: input.force, chart: chartsOn(settings) }, ctx);
      // The same week under the defaults, so the preview can say what this channel's settings change.
      const defaultSignals = signalsFor(week, { thresholds: DEFAULT_THRESHOLDS }).length;
      return { kind: 'brief_preview', brief, settings, defaultSignals, visibility: 'asker' };
    }
    case 'alerts':
      return input.alerts.action === 'switch' ? switchAlerts(deps, input.alerts.on, ctx) : alerts(deps, input.alerts, ctx);
    case 'subscribe':
      return subscribe(deps, input.schedule, ctx);
    case 'unsubscribe':
      return unsubscribe(deps, ctx);
    case 'status':
      return status(deps, ctx.channel);
    case 'chart': {
      const chart = await deps.charts.read({ kind: input.kind, weeks: input.weeks });
      return { kind: 'chart', chart, visibility: 'channel' };
    }
  }
}

async function settingsOf(channels: ChannelStore, channel: ChannelRef): Promise<ChannelSettings> {
  return (await channels.channelSettings(formatChannelRef(channel))) ?? EMPTY_CHANNEL_SETTINGS;
}

/** An admin's change: a pure function of the stored settings, applied by the store in one transaction. */
interface Planned {
  update: (current: ChannelSettings) => ChannelSettings;
  change: SettingsChange;
}

async function alerts(deps: CommandDeps, action: Exclude<AlertsAction, { action: 'switch' }>, ctx: CommandContext): Promise<Reply> {
  const show = (settings: ChannelSettings, change: SettingsChange | null): Reply => ({
    kind: 'settings',
    thresholds: effectiveThresholds(settings),
    settings,
    change,
    visibility: 'asker',
  });
  if (action.action === 'show') return show(await settingsOf(deps.channels, ctx.channel), null);
  if (!(await ctx.isAdmin())) return { kind: 'forbidden', action: 'change_alerts', visibility: 'asker' };

  // Everything that awaits happens while planning; the update itself sees the freshest settings, so
  // two admins changing one channel at once both keep their change.
  const planned = await plan(deps, action, ctx);
  if ('kind' in planned) return planned;
  return show(await deps.channels.updateChannelSettings(formatChannelRef(ctx.channel), planned.update), planned.change);
}

async function plan(deps: CommandDeps, action: Exclude<AlertsAction, { action: 'show' | 'switch' }>, ctx: CommandContext): Promise<Planned | Reply> {
  switch (action.action) {
    case 'set': {
      const checked = thresholdSchema(action.name).safeParse(action.value);
      if (!checked.success) {
        const problem = { kind: 'out_of_range', name: action.name, got: action.value, range: rangeOf(action.name) } as const;
        return { kind: 'usage', command: 'alerts', problem, defaultZone: deps.defaultZone, visibility: 'asker' };
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
    case 'charts': {
      const { on } = action;
      return { update: (current) => ({ ...current, charts: on }), change: { action: 'charts', on } };
    }
    case 'watch':
    case 'unwatch': {
      const data = await deps.weeks.read();
      const found = lookupModel(lookupIndexFor(data), action.model);
      // A watched model gone from the data can still be unwatched by the id the watchlist shows.
      const listed = (await settingsOf(deps.channels, ctx.channel)).watchlist.includes(action.model);
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

/** A threshold's allowed values, read off its schema so messages never drift from the rules. */
function rangeOf(name: ThresholdName): ThresholdRange {
  const schema = thresholdSchema(name);
  return { whole: schema.format === 'safeint' || schema.isInt, min: schema.minValue ?? Number.NEGATIVE_INFINITY, max: schema.maxValue ?? Number.POSITIVE_INFINITY };
}
