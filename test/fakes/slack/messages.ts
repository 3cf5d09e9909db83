// Slack's message limits as the Web API enforces them on chat.postMessage, chat.postEphemeral and
// response_url posts. Documented limits (Block Kit reference, chat.postMessage): at most 50 blocks;
// section text ≤ 3000 characters; at most 10 section fields of ≤ 2000 each; header text ≤ 150 and
// plain_text only; context at most 10 elements; block_id ≤ 255; markdown block ≤ 12,000; top-level
// `text` beyond 40,000 characters is refused with `msg_too_long`.
//
// `msg_blocks_too_long` is real but undocumented: Slack refuses a message whose blocks together carry
// too much text even when every block is within its own limit (bolt-js issue #2509 measured the
// threshold at ~13,200 characters, moving with the mix of block types). The fake draws a fixed line at
// 12,000 characters of text summed over every `text` string in the blocks: lower than Slack's, so a
// message that passes here passes there.

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  blockId: 255,
  markdownBlock: 12_000,
  totalBlockText: 12_000,
  messageText: 40_000,
} as const;

/** The `{ok:false}` answer for a refused message, shaped like Slack's (errors carry JSON pointers). */
export interface Rejection {
  error: string;
  errors?: string[];
}

// Blocks a message may hold. `input` is missing on purpose: Slack refuses it outside modals.
const MESSAGE_BLOCKS = new Set(['actions', 'context', 'divider', 'file', 'header', 'image', 'markdown', 'rich_text', 'section', 'table', 'video']);
const TEXT_TYPES = new Set(['plain_text', 'mrkdwn']);

/** Slack counts characters, not UTF-16 units. */
const chars = (text: string): number => [...text].length;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const at = (pointer: string, message: string): string => `${message} [json-pointer:${pointer}]`;

function textObjectProblems(value: unknown, pointer: string, max: number, plainOnly = false): string[] {
  if (!isObject(value) || typeof value.type !== 'string' || typeof value.text !== 'string') {
    return [at(pointer, 'must provide an object with a string type and text')];
  }
  if (plainOnly ? value.type !== 'plain_text' : !TEXT_TYPES.has(value.type)) {
    return [at(`${pointer}/type`, `must be one of ${plainOnly ? '[plain_text]' : '[plain_text, mrkdwn]'}`)];
  }
  const length = chars(value.text);
  if (length === 0) return [at(`${pointer}/text`, 'must be more than 0 characters')];
  if (length > max) return [at(`${pointer}/text`, `must be less than ${max + 1} characters`)];
  return [];
}

function blockProblems(block: unknown, pointer: string): string[] {
  if (!isObject(block) || typeof block.type !== 'string' || !MESSAGE_BLOCKS.has(block.type)) {
    return [at(pointer, 'failed to match all allowed schemas')];
  }
  const problems: string[] = [];
  if (block.block_id !== undefined && (typeof block.block_id !== 'string' || chars(block.block_id) > LIMITS.blockId)) {
    problems.push(at(`${pointer}/block_id`, `must be a string of less than ${LIMITS.blockId + 1} characters`));
  }
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        problems.push(at(pointer, 'must provide either text or fields'));
      }
      if (block.text !== undefined) problems.push(...textObjectProblems(block.text, `${pointer}/text`, LIMITS.sectionText));
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length > LIMITS.sectionFields) {
          problems.push(at(`${pointer}/fields`, `no more than ${LIMITS.sectionFields} items allowed`));
        } else {
          block.fields.forEach((field: unknown, i) =>
            problems.push(...textObjectProblems(field, `${pointer}/fields/${i}`, LIMITS.sectionField)),
          );
        }
      }
      break;
    }
    case 'header':
      problems.push(...textObjectProblems(block.text, `${pointer}/text`, LIMITS.headerText, true));
      break;
    case 'context':
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > LIMITS.contextElements) {
        problems.push(at(`${pointer}/elements`, `must hold 1 to ${LIMITS.contextElements} items`));
      }
      break;
    case 'markdown':
      if (typeof block.text !== 'string' || chars(block.text) === 0 || chars(block.text) > LIMITS.markdownBlock) {
        problems.push(at(`${pointer}/text`, `must be a string of 1 to ${LIMITS.markdownBlock} characters`));
      }
      break;
  }
  return problems;
}

/** Sum of every `text` string anywhere in the blocks: what `msg_blocks_too_long` is about. */
function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockTextLength(item), 0);
  if (!isObject(value)) return 0;
  let sum = 0;
  for (const [key, inner] of Object.entries(value)) {
    sum += key === 'text' && typeof inner === 'string' ? chars(inner) : blockTextLength(inner);
  }
  return sum;
}

/** `blocks` as the request parser left it: an array when it was valid JSON, otherwise the raw value. */
export function checkBlocks(blocks: unknown): Rejection | null {
  if (!Array.isArray(blocks)) {
    return { error: 'invalid_blocks_format', errors: [at('/blocks', 'must be a JSON array of blocks')] };
  }
  if (blocks.length > LIMITS.blocks) {
    return { error: 'invalid_blocks', errors: [at('/blocks', `no more than ${LIMITS.blocks} items allowed`)] };
  }
  const problems = blocks.flatMap((block: unknown, i) => blockProblems(block, `/blocks/${i}`));
  if (problems.length > 0) return { error: 'invalid_blocks', errors: problems };
  if (blockTextLength(blocks) > LIMITS.totalBlockText) return { error: 'msg_blocks_too_long' };
  return null;
}

const present = (value: unknown): boolean =>
  value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * Checks a message's content. `requireContent` is false for response_url posts, where
 * `{delete_original: true}` alone is a valid body.
 */
export function checkMessage(args: Record<string, unknown>, requireContent = true): Rejection | null {
  const { text, blocks, attachments } = args;
  if (requireContent && !present(text) && !present(blocks) && !present(attachments)) return { error: 'no_text' };
  if (typeof text === 'string' && chars(text) > LIMITS.messageText) return { error: 'msg_too_long' };
  if (present(blocks)) return checkBlocks(blocks);
  return null;
}
