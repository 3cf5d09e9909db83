import { describe, expect, it } from 'vitest';
import { ADMIN_ACTIONS, type AdminAction } from '../../src/core/reply.js';
import { renderReply } from '../../src/render/replies.js';

// Every admin-only action a member can be refused, in the words the user reads
// (templates/<platform>/forbidden.hbs): the same action on every platform, after who may do it there.

const DONE: Record<AdminAction, string> = {
  post_brief: 'post the brief',
  change_alerts: "change this channel's alerts",
  subscribe: 'subscribe this channel to the weekly brief',
  unsubscribe: 'unsubscribe this channel from the weekly brief',
  alerts_on: "turn this channel's alerts on",
  alerts_off: "turn this channel's alerts off",
};

describe('a refusal', () => {
  it.each(ADMIN_ACTIONS)('%s', (action) => {
    const refused = { kind: 'forbidden', action, visibility: 'asker' } as const;
    expect(renderReply(refused, 'text')).toBe(`Only admins can ${DONE[action]}.`);
    expect(renderReply(refused, 'slack')).toBe(`Only workspace admins can ${DONE[action]}.`);
    expect(renderReply(refused, 'discord')).toBe(`Only members with the Manage Server permission can ${DONE[action]}.`);
  });
});
