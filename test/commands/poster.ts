import type { BriefPoster } from '../../src/core/ports/poster.js';

/** A poster for handler unit tests: `post` as given, every other call a no-op that finds nothing. */
export function testPoster(platform: BriefPoster['platform'], post: BriefPoster['post']): BriefPoster {
  return { platform, post, postNotice: async () => ({ messageIds: [] }), findPosted: async () => null, notifyUser: async () => {} };
}
