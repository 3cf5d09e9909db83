import { formatChannelRef, type ChannelRef } from '../../src/core/channel.js';
import { DeliveryError, stoppedPost, type BriefPoster, type Notice, type PostOptions } from '../../src/core/ports/poster.js';
import type { Brief } from '../../src/core/types.js';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { ingest } from '../../src/jobs/ingest.js';

/** One message as the platform keeps it: what the channel shows, and the slot key it carries. */
export interface Recorded {
  channel: string;
  slot: string | undefined;
  kind: 'brief' | Notice['kind'];
  week: string | null;
  options: PostOptions;
  id: string;
}

/**
 * A BriefPoster that plays the platform: it keeps every message it was given (and finds them back by
 * slot, as the real posters do through history and nonces). `behave` decides, per call, what
 * happens: post, fail (transient or permanent), post and then never answer (the process died
 * after the platform accepted it), never post and never answer (died before), or stall until the
 * post's signal stops it (as the real posters stop: nothing posted, a transient failure).
 */
export type Behaviour = 'post' | 'hang-after-post' | 'hang' | 'stall' | { fail: 'transient' | 'permanent'; reason: string; retryAfterMs?: number };

export function recordingPoster(platform: ChannelRef['platform'] = 'slack', behave: (channel: string, call: number) => Behaviour = () => 'post') {
  const messages: Recorded[] = [];
  const dms: Array<{ workspace: string; user: string; notice: Notice }> = [];
  let calls = 0;
  const never = new Promise<never>(() => undefined);

  const send = async (channel: ChannelRef, kind: Recorded['kind'], week: string | null, options: PostOptions = {}) => {
    const key = formatChannelRef(channel);
    const behaviour = behave(key, ++calls);
    if (typeof behaviour === 'object') {
      throw new DeliveryError(`${behaviour.reason} in ${key}`, { channel, permanent: behaviour.fail === 'permanent', reason: behaviour.reason, posted: [], retryAfterMs: behaviour.retryAfterMs ?? null });
    }
    if (behaviour === 'hang') return never;
    if (behaviour === 'stall') {
      const { signal } = options;
      if (!signal) return never;
      await new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', resolve, { once: true })));
      throw stoppedPost(channel, []);
    }
    const message: Recorded = { channel: key, slot: options.slot, kind, week, options, id: `m${messages.length + 1}` };
    messages.push(message);
    if (behaviour === 'hang-after-post') return never;
    return { messageIds: [message.id] };
  };

  const poster: BriefPoster = {
    platform,
    post: (channel, brief: Brief, options) => send(channel, 'brief', brief.market.week, options),
    postNotice: (channel, notice, options) => send(channel, notice.kind, 'week' in notice ? notice.week : null, options),
    findPosted: async (channel, slot) => {
      const found = messages.filter((m) => m.channel === formatChannelRef(channel) && m.slot === slot).map((m) => m.id);
      return found.length > 0 ? found : null;
    },
    notifyUser: async (workspace, user, notice) => {
      dms.push({ workspace, user, notice });
    },
  };
  return { poster, messages, dms, briefsIn: (channel: string) => messages.filter((m) => m.channel === channel) };
}

/** A fresh in-memory store holding the bundled sample (newest day 2026-03-08: week 2026-W10 complete). */
export async function sampleStore(): Promise<Store> {
  const store = openSqliteStore(':memory:');
  await store.migrate();
  await ingest(createSampleSource(), store, silentLogger, { now: () => new Date('2026-03-09T08:00:00Z') });
  return store;
}
