import { z } from 'zod';

/**
 * A chat channel, wherever it lives. `workspace` is the Slack team id or the Discord guild id (`dm`
 * outside a guild); channel ids are unique only within it. Settings are stored under its key.
 */
export interface ChannelRef {
  platform: 'slack' | 'discord';
  workspace: string;
  channel: string;
}

/** Ids as the platforms issue them: letters, digits, `_` and `-`; never a `:`, which separates the key's parts. */
const Id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a platform id (letters, digits, _ or -)');

/** A channel key, split into its parts and checked. */
const ChannelKeySchema = z
  .string()
  .transform((key) => key.split(':'))
  .pipe(z.tuple([z.enum(['slack', 'discord']), Id, Id]))
  .transform(([platform, workspace, channel]): ChannelRef => ({ platform, workspace, channel }));

/** `slack:T1:C1`, `discord:G1:C1`: the one text form of a ChannelRef (store keys, logs). */
export function formatChannelRef(ref: ChannelRef): string {
  return `${ref.platform}:${ref.workspace}:${ref.channel}`;
}

/** The ChannelRef of a key `formatChannelRef` made; throws a ZodError for anything else. */
export function parseChannelRef(key: string): ChannelRef {
  return ChannelKeySchema.parse(key);
}
