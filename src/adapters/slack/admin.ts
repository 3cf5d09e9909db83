import type { webApi } from '@slack/bolt';

/** How long a `users.info` answer is trusted: a promotion or demotion shows within minutes. */
const ADMIN_CACHE_MS = 5 * 60_000;

export interface AdminCheckOptions {
  /** User ids that count as admins whatever Slack says (`TOKENBRIEF_ADMINS`). */
  admins: readonly string[];
  /** The Web API client `users.info` is asked through. */
  client: webApi.WebClient;
  ttlMs?: number;
  now?: () => number;
}

/** Whether a user may change a channel's alerts or post the brief. A failing `users.info` throws. */
export type AdminCheck = (teamId: string, userId: string) => Promise<boolean>;

/** Admin = a workspace admin or owner (`users.info`), or a configured user id. Answers are cached per user. */
export function createAdminCheck(options: AdminCheckOptions): AdminCheck {
  const admins = new Set(options.admins);
  const ttl = options.ttlMs ?? ADMIN_CACHE_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { admin: boolean; until: number }>();

  return async (teamId, userId) => {
    if (admins.has(userId)) return true;
    const key = `${teamId}:${userId}`;
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.admin;
    const { user } = await options.client.users.info({ user: userId });
    const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    for (const [k, entry] of cache) if (entry.until <= now()) cache.delete(k);
    cache.set(key, { admin, until: now() + ttl });
    return admin;
  };
}
