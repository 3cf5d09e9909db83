import { silentLogger } from '../../src/core/ports/logger.js';
import type { BriefPoster } from '../../src/core/ports/poster.js';

/** A poster for handler unit tests: `post` as given, every other call a no-op that finds nothing. */
export function testPoster(platform: BriefPoster['platform'], post: BriefPoster['post']): BriefPoster {
  return { platform, post, postNotice: async () => ({ messageIds: [] }), findPosted: async () => null, notifyUser: async () => {} };
}

/** The rest of a command's context when a test draws no chart: a brief then goes without one, quietly. */
export const NO_CHARTS = {
  renderChart: () => Promise.reject(new Error('no charts in this test')),
  logger: silentLogger,
};
