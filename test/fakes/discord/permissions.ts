// The permission bits the fake reasons about, and Discord's computation of a member's permissions in a
// channel (base from roles, then @everyone overwrite, then role overwrites), so the fake's REST answers
// and what discord.js computes from GUILD_CREATE agree.

export const Permission = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

const ALL = (1n << 53n) - 1n;

export interface RoleLike {
  id: string;
  permissions: bigint;
}

export interface Overwrite {
  /** A role id (type 0 overwrites only: the fake never targets single members). */
  id: string;
  allow: bigint;
  deny: bigint;
}

export function channelPermissions(guildId: string, roles: RoleLike[], memberRoleIds: string[], overwrites: Overwrite[]): bigint {
  const held = new Set([guildId, ...memberRoleIds]);
  let base = 0n;
  for (const role of roles) if (held.has(role.id)) base |= role.permissions;
  if (base & Permission.Administrator) return ALL;

  const everyone = overwrites.find((overwrite) => overwrite.id === guildId);
  if (everyone) base = (base & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.id !== guildId && held.has(overwrite.id)) {
      allow |= overwrite.allow;
      deny |= overwrite.deny;
    }
  }
  return (base & ~deny) | allow;
}
