import type { ChannelSettings } from '../thresholds.js';

/**
 * Per-channel alert settings. `channel` is a channel's key: `formatChannelRef` of its ChannelRef
 * (`slack:T1:C1`, `discord:G1:C1`), so one store serves every platform.
 */
export interface ChannelStore {
  /** A chat channel's alert settings, or null when it never changed any. */
  channelSettings(channel: string): Promise<ChannelSettings | null>;
  /**
   * Changes a channel's alert settings atomically: `update` gets the stored settings (empty ones when
   * none) and returns the new ones, read and written in one transaction so two admins changing the
   * same channel at once both keep their change. `update` must be pure and synchronous; when it
   * throws, or its result fails `ChannelSettingsSchema`, nothing is stored. Resolves to what was stored.
   */
  updateChannelSettings(channel: string, update: (current: ChannelSettings) => ChannelSettings): Promise<ChannelSettings>;
}
