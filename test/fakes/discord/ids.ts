import { randomBytes } from 'node:crypto';

// Ids and tokens shaped like Discord's, so discord.js derives sane timestamps from them.

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A snowflake for "now" (or `at`): milliseconds since the Discord epoch, then an increment that keeps ids unique. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** Opaque credentials (interaction tokens, session ids). */
export const randomToken = (bytes = 48): string => randomBytes(bytes).toString('base64url');
