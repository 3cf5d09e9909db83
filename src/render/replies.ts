import { ADMIN_ACTIONS, isScheduleReply, type Reply, type SettingsChange } from '../core/reply.js';
import { chartsOn, DEFAULT_THRESHOLDS, THRESHOLD_NAMES, type ChannelSettings, type ThresholdName } from '../core/thresholds.js';
import { chartView } from './chart-spec.js';
import { renderAnswer } from './answers.js';
import { renderBrief } from './brief.js';
import { escapeFor, escapeMessage, type Platform } from './escape.js';
import { formatTokens } from './format.js';
import { renderInputError } from './problems.js';
import { renderScheduleReply } from './schedule-replies.js';
import { kindFlags, TEMPLATES, type Templates } from './templates.js';

/** A threshold's value as admins type it back (`100B` for the token floor). */
const showThreshold = (name: ThresholdName, value: number) => (name === 'minTokens' ? formatTokens(value) : String(value));

/**
 * A command reply as one message of text (terminal, Slack mrkdwn or Discord markdown). Chat adapters
 * that lay a brief out richer (Block Kit, embeds) handle the brief kinds themselves.
 */
export function renderReply(reply: Reply, platform: Platform, templates: Templates = TEMPLATES): string {
  if (isScheduleReply(reply)) return renderScheduleReply(reply, platform, templates);
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer, platform, templates);
    case 'brief_preview':
      return `${previewLines(platform, reply.settings, previewCounts(reply), templates).join('\n')}\n\n${renderBrief(reply.brief, platform, templates)}`;
    case 'chart':
      // Shown beside the image: what it shows, with its key numbers.
      return escapeMessage(platform, chartView(reply.chart).alt);
    case 'settings':
      return templates.render(platform, 'settings', {
        change: reply.change === null ? null : changeView(platform, reply.change),
        rows: THRESHOLD_NAMES.map((name) => ({
          name,
          is: kindFlags(THRESHOLD_NAMES, name),
          value: showThreshold(name, reply.thresholds[name]),
          default: showThreshold(name, DEFAULT_THRESHOLDS[name]),
          overridden: reply.settings.thresholds[name] !== undefined,
        })),
        watchlist: reply.settings.watchlist.map((id) => escapeFor(platform, id)),
        charts: chartsOn(reply.settings),
      });
    case 'forbidden':
      return templates.render(platform, 'forbidden', { is: kindFlags(ADMIN_ACTIONS, reply.action) });
    case 'usage':
      return renderInputError(reply, platform, templates);
  }
}

/** How many signals a preview fires under the channel's settings, and under the defaults. */
export interface PreviewCounts {
  signals: number;
  defaultSignals: number;
}

export const previewCounts = (preview: Extract<Reply, { kind: 'brief_preview' }>): PreviewCounts => ({
  signals: preview.brief.signals.length,
  defaultSignals: preview.defaultSignals,
});

/** Watched ids a preview names; the rest are counted, so a long watchlist cannot crowd out the brief. */
const WATCHED_SHOWN = 10;

/**
 * The lines above a `/brief` preview, the same on every platform (only the markup differs): it is a
 * private preview, what this channel's settings make fire compared with the defaults, which
 * thresholds it changed and which models it watches.
 */
export function previewLines(platform: Platform, settings: ChannelSettings, counts: PreviewCounts, templates: Templates = TEMPLATES): string[] {
  const overrides = THRESHOLD_NAMES.flatMap((name) => {
    const value = settings.thresholds[name];
    return value === undefined ? [] : [{ name, value: showThreshold(name, value), default: showThreshold(name, DEFAULT_THRESHOLDS[name]) }];
  });
  const watching = settings.watchlist.slice(0, WATCHED_SHOWN).map((id) => escapeFor(platform, id));
  const difference = counts.signals - counts.defaultSignals;
  return templates
    .render(platform, 'preview', {
      signals: counts.signals,
      oneSignal: counts.signals === 1,
      difference: Math.abs(difference),
      more: difference > 0,
      overrides,
      watching,
      hidden: settings.watchlist.length - watching.length,
    })
    .split('\n');
}

const CHANGES = ['set', 'reset', 'resetAll', 'watch', 'unwatch', 'chartsOn', 'chartsOff'] as const;

function changeView(platform: Platform, change: SettingsChange): object {
  switch (change.action) {
    case 'set':
      return { is: kindFlags(CHANGES, 'set'), name: change.name, value: showThreshold(change.name, change.value) };
    case 'reset':
      return change.name === null
        ? { is: kindFlags(CHANGES, 'resetAll') }
        : { is: kindFlags(CHANGES, 'reset'), name: change.name, default: showThreshold(change.name, DEFAULT_THRESHOLDS[change.name]) };
    case 'watch':
    case 'unwatch':
      return { is: kindFlags(CHANGES, change.action), model: escapeFor(platform, change.model) };
    case 'charts':
      return { is: kindFlags(CHANGES, change.on ? 'chartsOn' : 'chartsOff') };
  }
}
