import { formatChannelRef, type ChannelRef } from '../core/channel.js';
import type { Notice, PostOptions } from '../core/ports/poster.js';
import { alertView } from './answer-view.js';
import { escapeFor, escapeMessage, type Platform } from './escape.js';
import { renderTemplate } from './templates.js';

// The scheduler's messages that are not briefs, and the lines a brief gets when it is delivered late
// or on data that will not get newer. Data in them (reasons, dates, ids) is escaped here.

/** Platform channel ids are letters and digits; anything else is shown as text, never as a mention. */
const CHANNEL_ID = /^[A-Za-z0-9]{1,32}$/;

/** A channel as its platform links it (`<#C1>`), or as plain text. */
function channelMention(channel: ChannelRef, platform: Platform): string {
  if (platform !== 'text' && channel.platform === platform && CHANNEL_ID.test(channel.channel)) return `<#${channel.channel}>`;
  return escapeFor(platform, formatChannelRef(channel));
}

const optional = (platform: Platform, text: string | null): string | null => (text === null ? null : escapeFor(platform, text));

/** One notice as one message of text (Slack mrkdwn, Discord markdown or plain text). */
export function renderNotice(notice: Notice, platform: Platform): string {
  switch (notice.kind) {
    case 'alerts':
      return renderTemplate(platform, 'alert', alertView({ ...notice, week: null }, platform));
    case 'no_new_week':
      return renderTemplate(platform, 'notice-no-new-week', { week: escapeFor(platform, notice.week), asOf: optional(platform, notice.asOf) });
    case 'stale_data':
      return renderTemplate(platform, 'notice-stale-data', {
        channel: channelMention(notice.channel, platform),
        newestDay: escapeFor(platform, notice.newestDay),
        asOf: optional(platform, notice.asOf),
      });
    case 'delivery_paused':
      return renderTemplate(platform, 'notice-delivery-paused', { channel: channelMention(notice.channel, platform), reason: escapeMessage(platform, notice.reason) });
    case 'refresh_failed':
      return renderTemplate(platform, 'notice-refresh-failed', {
        source: escapeFor(platform, notice.source),
        reason: escapeMessage(platform, notice.reason),
        asOf: optional(platform, notice.asOf),
      });
  }
}

/** The lines above a brief posted late or on fixed or stale data; empty when there are none. */
export function deliveryLines(options: PostOptions | undefined, platform: Platform): string {
  const delayed = options?.delayed === true;
  const dataAsOf = options?.dataAsOf ?? null;
  if (!delayed && dataAsOf === null) return '';
  return renderTemplate(platform, 'brief-delivery', { delayed, dataAsOf: optional(platform, dataAsOf) });
}
