import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { formatChannelRef, parseChannelRef, type ChannelRef } from '../../src/core/channel.js';

describe('ChannelRef', () => {
  it.each<ChannelRef>([
    { platform: 'slack', workspace: 'T0TEAM', channel: 'C0MARKET' },
    { platform: 'discord', workspace: '1180000000000000001', channel: '1180000000000000002' },
    { platform: 'discord', workspace: 'dm', channel: '1180000000000000003' },
  ])('formats as one key and parses back: %o', (ref) => {
    const key = formatChannelRef(ref);
    expect(key).toBe(`${ref.platform}:${ref.workspace}:${ref.channel}`);
    expect(parseChannelRef(key)).toEqual(ref);
  });

  it.each(['slack:T1', 'slack:T1:C1:extra', 'teams:T1:C1', 'slack::C1', 'slack:T 1:C1', ''])('refuses %j', (key) => {
    expect(() => parseChannelRef(key)).toThrow(ZodError);
  });
});
