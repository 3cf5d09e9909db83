import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import type { Logger } from '../../core/ports/logger.js';
import { retryOnTransportError } from '../transport.js';

// The interaction responses that may be sent twice, retried when a connection drops before Discord
// answers: the initial response (Discord takes one per interaction and refuses a second with 40060,
// which then proves the first arrived) and edits or deletion of the original response. Follow-ups
// create a new message each time and are never repeated.

/** Discord waits this long for the initial response. */
const INITIAL_RESPONSE_MS = 3000;
/** An interaction token works for this long: edits and follow-ups after it fail. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

type Sent = 'sent' | 'already';

async function redeliver(send: () => Promise<unknown>, until: number, log: Logger, alreadyDone: number): Promise<Sent> {
  let retried = false;
  try {
    await retryOnTransportError(send, {
      until,
      onRetry: (error, attempt) => {
        retried = true;
        log.warn({ err: error instanceof Error ? error.message : String(error), attempt }, 'discord reply lost on a dropped connection; sending it again');
      },
    });
    return 'sent';
  } catch (error) {
    if (retried && error instanceof DiscordAPIError && error.code === alreadyDone) return 'already';
    throw error;
  }
}

/** Sends the initial response (a defer or a reply); `arrived` marks it sent when a dropped attempt turns out to have arrived. */
export async function initialResponse(interaction: { readonly createdTimestamp: number }, send: () => Promise<unknown>, arrived: () => void, log: Logger): Promise<void> {
  const sent = await redeliver(send, interaction.createdTimestamp + INITIAL_RESPONSE_MS, log, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);
  if (sent === 'already') arrived();
}

/** Edits or deletes the original response; deleting one already deleted counts as done. */
export async function originalResponse(interaction: { readonly createdTimestamp: number }, send: () => Promise<unknown>, log: Logger): Promise<void> {
  await redeliver(send, interaction.createdTimestamp + TOKEN_LIFETIME_MS, log, RESTJSONErrorCodes.UnknownMessage);
}
