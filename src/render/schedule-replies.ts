import type { Delivery } from '../core/ports/schedule.js';
import type { ScheduleReply } from '../core/reply.js';
import type { Schedule } from '../core/schedule/schedule.js';
import { escapeFor, escapeMessage, type Platform } from './escape.js';
import { TEMPLATES, type Templates } from './templates.js';

// Replies of the subscription commands (`/subscribe`, `/unsubscribe`, `/alerts on|off`, `/status`)
// and of `/brief post` as recorded in the ledger. Wording is in templates/<platform>/<name>.hbs;
// here times are formatted and every stored string (reasons, summaries, ids) escaped.

/** "Monday 9 March 2026, 09:00 CET" in `zone`. */
export function localTime(at: Date, zone: string): string {
  // en-US names zones the way people say them (CET, EST); en-GB would write GMT-5.
  const zoneName = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${zoneName}`;
}

/** "2026-03-09 08:00 UTC": ledger and refresh times, the same for every reader. */
const utcTime = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A zone name, validated against the IANA list (letters, digits, `/`, `_`, `-`, `+`). Slack italicises
 * only at word boundaries, so `America/New_York` stays as it is there; Discord gets it escaped.
 */
export const zoneText = (platform: Platform, zone: string): string => (platform === 'slack' ? zone : escapeFor(platform, zone));

function scheduleView(schedule: Schedule, platform: Platform) {
  return { weekday: capitalised(schedule.weekday), time: schedule.time, zone: zoneText(platform, schedule.zone) };
}

function deliveryView(delivery: Delivery, platform: Platform) {
  return {
    slot: escapeFor(platform, delivery.slot),
    week: delivery.week === null ? null : escapeFor(platform, delivery.week),
    at: utcTime(delivery.at),
    manual: delivery.kind === 'manual',
    sent: delivery.state === 'sent',
    failed: delivery.state === 'failed',
    pending: delivery.state === 'claimed',
    delayed: delivery.delayed,
    message: delivery.messageIds[0] === undefined ? null : escapeFor(platform, delivery.messageIds[0]),
    reason: delivery.reason === null ? null : escapeMessage(platform, delivery.reason),
  };
}

export function renderScheduleReply(reply: ScheduleReply, platform: Platform, templates: Templates = TEMPLATES): string {
  switch (reply.kind) {
    case 'subscribed':
      return templates.render(platform, 'subscribed', {
        ...scheduleView(reply.schedule, platform),
        next: escapeFor(platform, localTime(reply.next, reply.schedule.zone)),
        changed: reply.previous !== null,
        alerts: reply.alerts,
      });
    case 'unsubscribed':
      return templates.render(platform, 'unsubscribed', { was: reply.was });
    case 'alerts_switched':
      return templates.render(platform, 'alerts-switched', { on: reply.on, subscribed: reply.subscribed });
    case 'brief_posted':
      return templates.render(platform, 'brief-posted', { week: escapeFor(platform, reply.week) });
    case 'already_delivered':
      return templates.render(platform, 'already-delivered', deliveryView(reply.delivery, platform));
    case 'status': {
      const { data, lastRefresh, subscription, next, lastDelivery, skipped } = reply.status;
      return templates.render(platform, 'status', {
        data: data && { source: escapeFor(platform, data.source), asOf: data.asOf === null ? null : escapeFor(platform, data.asOf), week: escapeFor(platform, data.week) },
        refresh: lastRefresh && { ok: lastRefresh.ok, at: utcTime(lastRefresh.finishedAt), summary: escapeMessage(platform, lastRefresh.summary) },
        subscription: subscription && {
          ...scheduleView(subscription.schedule, platform),
          alerts: subscription.alerts,
          paused: subscription.paused && { reason: escapeMessage(platform, subscription.paused.reason), at: utcTime(subscription.paused.at) },
          next: next === null ? null : escapeFor(platform, localTime(next, subscription.schedule.zone)),
        },
        delivery: lastDelivery && deliveryView(lastDelivery, platform),
        skipped: skipped.map((entry) => ({ slot: escapeFor(platform, entry.slot), reason: entry.reason === null ? null : escapeMessage(platform, entry.reason) })),
      });
    }
  }
}
