import type { Reply, SettingsChange } from '../core/reply.js';
import { DEFAULT_THRESHOLDS, THRESHOLD_NAMES, type ChannelSettings, type ThresholdName } from '../core/thresholds.js';
import { renderAnswer } from './answers.js';
import { renderBrief } from './brief.js';
import { escapeFor, escapeMessage, type Platform } from './escape.js';
import { formatTokens } from './format.js';
import { renderScheduleReply } from './schedule-replies.js';
import { renderTemplate } from './templates.js';

const MEANING: Readonly<Record<ThresholdName, string>> = {
  rankMovePlaces: 'places a model must move inside the chart to count as a rank move',
  topN: 'size of the chart watched for entries, exits and rank moves',
  surgePct: 'week-over-week growth (%) that counts as a surge',
  slumpPct: 'week-over-week drop (%) that counts as a slump',
  minTokens: 'tokens a model needs this week before surges and slumps count',
  priceChangePct: 'input or output price move (%) that counts as a price change',
};

// Who counts as an admin differs per platform (see each adapter's admin check).
const ADMINS: Readonly<Record<Platform, string>> = {
  text: 'admins',
  slack: 'workspace admins',
  discord: 'members with the Manage Server permission',
};

/** A threshold's value as admins type it back (`100B` for the token floor). */
const showThreshold = (name: ThresholdName, value: number) => (name === 'minTokens' ? formatTokens(value) : String(value));

/**
 * A command reply as one message of text (terminal, Slack mrkdwn or Discord markdown). Chat adapters
 * that lay a brief out richer (Block Kit, embeds) handle the brief kinds themselves.
 */
export function renderReply(reply: Reply, platform: Platform): string {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer, platform);
    case 'brief_preview':
      return `${previewLines(platform, reply.settings, previewCounts(reply)).join('\n')}\n\n${renderBrief(reply.brief, platform)}`;
    case 'brief_posted':
    case 'already_delivered':
    case 'subscribed':
    case 'unsubscribed':
    case 'alerts_switched':
    case 'status':
      return renderScheduleReply(reply, platform);
    case 'settings':
      return renderTemplate(platform, 'settings', {
        change: reply.change === null ? null : escapeFor(platform, changeText(reply.change), 200),
        rows: THRESHOLD_NAMES.map((name) => ({
          name,
          value: showThreshold(name, reply.thresholds[name]),
          default: showThreshold(name, DEFAULT_THRESHOLDS[name]),
          overridden: reply.settings.thresholds[name] !== undefined,
          meaning: MEANING[name],
        })),
        watchlist: reply.settings.watchlist.map((id) => escapeFor(platform, id)),
      });
    case 'forbidden':
      return escapeMessage(platform, `Only ${ADMINS[platform]} can ${reply.action}.`);
    case 'usage':
      return renderTemplate(platform, 'usage', { problem: escapeMessage(platform, reply.problem), usage: escapeMessage(platform, reply.usage) });
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
export function previewLines(platform: Platform, settings: ChannelSettings, counts: PreviewCounts): string[] {
  const note = "Preview (only you can see this): this week's brief with this channel's alert settings.";
  const overrides = THRESHOLD_NAMES.flatMap((name) => {
    const value = settings.thresholds[name];
    return value === undefined ? [] : [`${name} ${showThreshold(name, value)} (default ${showThreshold(name, DEFAULT_THRESHOLDS[name])})`];
  });
  const shown = settings.watchlist.slice(0, WATCHED_SHOWN).map((id) => escapeFor(platform, id));
  const hidden = settings.watchlist.length - shown.length;
  return [
    platform === 'slack' ? `_${note}_` : platform === 'discord' ? `*${note}*` : note,
    signalCount(counts),
    overrides.length === 0 ? 'Thresholds: the defaults (`/alerts` shows them).' : `Thresholds changed here: ${overrides.join(' · ')}.`,
    ...(shown.length === 0 ? [] : [`Watching: ${shown.join(', ')}${hidden > 0 ? ` and ${hidden} more` : ''}.`]),
  ];
}

function signalCount({ signals, defaultSignals }: PreviewCounts): string {
  const difference = signals - defaultSignals;
  const compared = difference === 0 ? 'as many as' : difference > 0 ? `${difference} more than` : `${-difference} fewer than`;
  return `${signals} ${signals === 1 ? 'signal fires' : 'signals fire'} under this channel's settings (${compared} the defaults).`;
}

function changeText(change: SettingsChange): string {
  switch (change.action) {
    case 'set':
      return `${change.name} set to ${showThreshold(change.name, change.value)}`;
    case 'reset':
      return change.name === null ? 'all thresholds back to their defaults' : `${change.name} back to its default (${showThreshold(change.name, DEFAULT_THRESHOLDS[change.name])})`;
    case 'watch':
      return `now watching ${change.model}`;
    case 'unwatch':
      return `stopped watching ${change.model}`;
  }
}
