import type { ChartImage } from '../../core/ports/charts.js';
import type { DiscordMessage } from '../../render/discord-embeds.js';
import { cleanText } from '../../render/escape.js';

/** Discord caps an attachment's description (its alt text) at 1024 characters. */
const DESCRIPTION_MAX = 1024;

/** A file as discord.js sends it: multipart, with the description as the image's alt text. */
export interface DiscordFile {
  attachment: Buffer;
  name: string;
  description: string;
}

export function chartFile(image: ChartImage): DiscordFile {
  return { attachment: image.png, name: image.fileName, description: cleanText(image.alt, DESCRIPTION_MAX) };
}

/** The brief's first embed shows the chart sent with its message (`attachment://`), so it sits inside the brief. */
export function withChartImage(messages: readonly DiscordMessage[], image: ChartImage): DiscordMessage[] {
  return messages.map((message, i) => {
    const [first, ...rest] = message.embeds;
    if (i > 0 || !first) return message;
    return { ...message, embeds: [{ ...first, image: { url: `attachment://${image.fileName}` } }, ...rest] };
  });
}
