import { describe, expect, it } from 'vitest';
import { RESPONSE_URL_POSTS, respondAll, withNote, type Respond } from '../../../src/adapters/slack/respond.js';
import { briefMessages, shortenedNote, SLACK_LIMITS, textMessages, type SlackBlock, type SlackMessage } from '../../../src/render/slack-blocks.js';
import { checkMessage } from '../../fakes/slack/messages.js';
import { bigBrief } from './briefs.js';
import { blockTexts, memoryLogger } from './harness.js';

// A response_url takes five posts. These build replies of more messages than that by hand (the
// renderer keeps real briefs to two or three) and check what reaches Slack.

/** The pointer a shortened brief preview ends with. */
const WHOLE = 'use /brief post or the CLI for the whole brief';

/** What respondAll hands respond(): the JSON body Bolt POSTs to the response_url. */
interface Post {
  response_type: string;
  text: string;
  blocks?: SlackBlock[];
}

/** A respond() that keeps what it was given. */
function recorder(): { respond: Respond; posts: Post[] } {
  const posts: Post[] = [];
  const respond: Respond = async (message) => void posts.push(message as Post);
  return { respond, posts };
}

/** Every text a post shows: the blocks when it has them, else its text. */
const shown = (post: Post | undefined): string => (post?.blocks ? blockTexts(post.blocks) : [post?.text ?? '']).join('\n');

/** A huge preview: the brief's messages several times over (as a preview of a far bigger market would split). */
function hugePreview(copies: number): SlackMessage[] {
  const messages = briefMessages(bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`));
  return Array.from({ length: copies }, () => messages).flat();
}

describe('respondAll', () => {
  it('sends a reply of up to five messages as it is, and logs nothing', async () => {
    const { respond, posts } = recorder();
    const { logger, lines } = memoryLogger();
    const messages = hugePreview(1);
    expect(messages.length).toBeLessThanOrEqual(RESPONSE_URL_POSTS);

    await respondAll(respond, 'ephemeral', messages, { whole: 'brief', logger });

    expect(posts).toEqual(messages.map((m) => ({ response_type: 'ephemeral', text: m.text, blocks: m.blocks })));
    expect(lines).toEqual([]);
  });

  it('a preview of more than five messages: five are sent, the fifth says how many parts are missing and where the whole is', async () => {
    const { respond, posts } = recorder();
    const { logger, lines } = memoryLogger();
    const messages = hugePreview(4);
    expect(messages.length).toBeGreaterThan(RESPONSE_URL_POSTS + 1);
    const left = messages.length - RESPONSE_URL_POSTS;

    await respondAll(respond, 'ephemeral', messages, { whole: 'brief', logger });

    expect(posts).toHaveLength(RESPONSE_URL_POSTS);
    expect(posts.slice(0, 4)).toEqual(messages.slice(0, 4).map((m) => ({ response_type: 'ephemeral', text: m.text, blocks: m.blocks })));
    const fifth = posts[4];
    expect(fifth?.blocks?.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `… (shortened: ${left} more parts; ${WHOLE})` }] });
    for (const post of posts) expect(checkMessage({ ...post }, false)).toBeNull();
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ level: 40, parts: messages.length, sent: RESPONSE_URL_POSTS, left, msg: expect.stringContaining('shortened') }),
    ]);
  });

  it('a long text reply split into more than five messages ends with the note too, without a pointer to the brief', async () => {
    const { respond, posts } = recorder();
    const { logger } = memoryLogger();
    const messages = textMessages(Array.from({ length: 70 }, (_, i) => `${i} ${'x'.repeat(998)}`).join('\n'));
    expect(messages.length).toBeGreaterThan(RESPONSE_URL_POSTS + 1);

    await respondAll(respond, 'in_channel', messages, { whole: null, logger });

    expect(posts).toHaveLength(RESPONSE_URL_POSTS);
    expect(posts.every((post) => post.response_type === 'in_channel')).toBe(true);
    expect(shown(posts[4]).endsWith(`… (shortened: ${messages.length - RESPONSE_URL_POSTS} more parts)`)).toBe(true);
    for (const post of posts) expect(checkMessage({ ...post }, false)).toBeNull();
  });
});

describe('withNote', () => {
  const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const note = shortenedNote(1, 'brief');

  it('says "part" for one', () => {
    expect(note).toBe(`… (shortened: 1 more part; ${WHOLE})`);
  });

  it('a message already at 50 blocks gives up its last block for the note', () => {
    const full: SlackMessage = { text: 'fallback', blocks: Array.from({ length: SLACK_LIMITS.blocks }, (_, i) => section(`line ${i}`)) };
    const noted = withNote(full, note);
    expect(noted.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(blockTexts(noted.blocks).slice(-2)).toEqual(['line 48', note]);
    expect(checkMessage({ ...noted }, false)).toBeNull();
  });

  it('a message at the text budget gives up as many blocks as the note needs room for', () => {
    const full: SlackMessage = { text: 'fallback', blocks: Array.from({ length: 5 }, (_, i) => section(`${i}${'y'.repeat(1999)}`)) };
    const noted = withNote(full, note);
    expect(blockTexts(noted.blocks)).toEqual(['0', '1', '2', '3'].map((i) => `${i}${'y'.repeat(1999)}`).concat(note));
  });

  it('a plain text message gets the note as its last line', () => {
    expect(withNote({ text: 'Watching: a, b' }, shortenedNote(2, null))).toEqual({ text: 'Watching: a, b\n\n… (shortened: 2 more parts)' });
  });
});
