import type { webApi } from '@slack/bolt';
import type { ChannelRef } from '../../core/channel.js';
import type { ChartImage } from '../../core/ports/charts.js';
import { DeliveryError } from '../../core/ports/poster.js';
import { cleanText } from '../../render/escape.js';
import { deliveryError } from './errors.js';
import type { Pacer } from './pacer.js';

/** Slack caps an image's alt text at 1000 characters. */
const ALT_TEXT_MAX = 1000;

export interface ChartPlacement {
  /** Share it as a reply in this thread (the brief's), not as a new message in the channel. */
  threadTs?: string | undefined;
  /** The message text shown with the image (mrkdwn, already escaped). */
  comment?: string | undefined;
}

/**
 * Shares a chart PNG in a channel with `filesUploadV2` (files.getUploadURLExternal, the bytes to the
 * upload URL, files.completeUploadExternal; scope `files:write`), alt text set. Resolves to the
 * file's id; rejects with a DeliveryError.
 */
export async function uploadChart(client: webApi.WebClient, ref: ChannelRef, image: ChartImage, pacer: Pacer, placement: ChartPlacement = {}): Promise<string | null> {
  const { channel } = ref;
  await pacer.wait(channel);
  try {
    const file = { file: image.png, filename: image.fileName, title: image.title, alt_text: cleanText(image.alt, ALT_TEXT_MAX) };
    const comment = placement.comment === undefined ? {} : { initial_comment: placement.comment };
    const result = await client.filesUploadV2(
      placement.threadTs === undefined
        ? { channel_id: channel, ...file, ...comment }
        : { channel_id: channel, thread_ts: placement.threadTs, ...file, ...comment },
    );
    const [completed] = result.files;
    return completed?.files?.[0]?.id ?? null;
  } catch (error) {
    // The bytes' own POST fails with a plain Error; it is as transient as any other transport failure.
    throw (
      deliveryError(error, ref) ??
      new DeliveryError(`Slack did not take the chart: ${error instanceof Error ? error.message : String(error)}`, {
        channel: ref,
        permanent: false,
        reason: 'upload_failed',
        posted: [],
        cause: error,
      })
    );
  }
}
