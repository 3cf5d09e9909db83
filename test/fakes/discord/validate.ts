// Discord's request validation for the bodies the bot sends: messages (create, edit, interaction
// replies), autocomplete results and command registrations. Failures come back the way Discord reports
// them: `400 {code:50035, message:'Invalid Form Body', errors:{<path>:{_errors:[{code,message}]}}}`.
// Discord measures string lengths in Unicode code points (its API is Python), not UTF-16 units.

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

type Path = (string | number)[];

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const codePoints = (text: string): number => [...text].length;

export class FormErrors {
  private readonly tree: Record<string, unknown> = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as { code: string; message: string }[]).push({ code, message });
    this.count += 1;
  }

  result(): DiscordErrorBody | null {
    return this.count === 0 ? null : { code: 50035, message: 'Invalid Form Body', errors: this.tree };
  }
}

const tooLong = (errors: FormErrors, path: Path, max: number): void =>
  errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
const badLength = (errors: FormErrors, path: Path, min: number, max: number): void =>
  errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
const required = (errors: FormErrors, path: Path): void => errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');

/** An optional string field; returns its length in code points (0 when absent) for the embed total. */
function optionalText(errors: FormErrors, path: Path, value: unknown, max: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Could not interpret value as string.');
    return 0;
  }
  const length = codePoints(value);
  if (length > max) tooLong(errors, path, max);
  return length;
}

/** A string field that must be present and non-empty (field names and values, footer text, author name). */
function requiredText(errors: FormErrors, path: Path, value: unknown, max: number): number {
  if (value === undefined || value === null || value === '') {
    required(errors, path);
    return 0;
  }
  return optionalText(errors, path, value, max);
}

function optionalArray(errors: FormErrors, path: Path, value: unknown, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return [];
  }
  if (value.length > max) tooLong(errors, path, max);
  return value;
}

/** Checks one embed and returns the characters it adds to the message's 6000-character embed budget. */
function checkEmbed(errors: FormErrors, path: Path, embed: unknown): number {
  if (!isRecord(embed)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let total = optionalText(errors, [...path, 'title'], embed.title, 256);
  total += optionalText(errors, [...path, 'description'], embed.description, 4096);
  if (embed.color !== undefined && embed.color !== null) {
    if (!Number.isInteger(embed.color) || (embed.color as number) < 0) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
    } else if ((embed.color as number) > 0xffffff) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
  }
  optionalArray(errors, [...path, 'fields'], embed.fields, 25).forEach((field, index) => {
    const fieldPath = [...path, 'fields', index];
    if (!isRecord(field)) return errors.add(fieldPath, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    total += requiredText(errors, [...fieldPath, 'name'], field.name, 256);
    total += requiredText(errors, [...fieldPath, 'value'], field.value, 1024);
  });
  if (isRecord(embed.footer)) total += requiredText(errors, [...path, 'footer', 'text'], embed.footer.text, 2048);
  if (isRecord(embed.author)) total += requiredText(errors, [...path, 'author', 'name'], embed.author.name, 256);
  return total;
}

const nonEmptyArray = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/**
 * A message body as sent to create a message, reply to an interaction (`path` `['data']`) or edit one.
 * A message needs something to show unless it is an edit: `hasFiles` counts uploaded attachments.
 */
export function validateMessage(
  body: unknown,
  options: { path?: Path; edit?: boolean; hasFiles?: boolean } = {},
): DiscordErrorBody | null {
  const path = options.path ?? [];
  const errors = new FormErrors();
  if (!isRecord(body)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return errors.result();
  }
  optionalText(errors, [...path, 'content'], body.content, 2000);
  const { nonce } = body;
  if (nonce !== undefined && !(typeof nonce === 'string' ? nonce.length <= 25 : Number.isSafeInteger(nonce))) {
    errors.add([...path, 'nonce'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  }
  const embeds = optionalArray(errors, [...path, 'embeds'], body.embeds, 10);
  const embedText = embeds.reduce<number>((sum, embed, index) => sum + checkEmbed(errors, [...path, 'embeds', index], embed), 0);
  if (embedText > 6000) errors.add([...path, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  const attachments = optionalArray(errors, [...path, 'attachments'], body.attachments, 10);
  attachments.forEach((attachment, index) => {
    if (isRecord(attachment)) optionalText(errors, [...path, 'attachments', index, 'description'], attachment.description, 1024);
  });
  const invalid = errors.result();
  if (invalid) return invalid;

  const showsSomething =
    (typeof body.content === 'string' && body.content.length > 0) ||
    embeds.length > 0 ||
    nonEmptyArray(body.components) ||
    nonEmptyArray(body.sticker_ids) ||
    nonEmptyArray(body.attachments) ||
    isRecord(body.poll) ||
    options.hasFiles === true;
  if (!options.edit && !showsSomething) return { code: 50006, message: 'Cannot send an empty message' };
  return null;
}

function checkChoices(errors: FormErrors, path: Path, choices: unknown[]): void {
  choices.forEach((choice, index) => {
    const choicePath = [...path, index];
    if (!isRecord(choice)) return errors.add(choicePath, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    if (typeof choice.name !== 'string' || codePoints(choice.name) < 1 || codePoints(choice.name) > 100) {
      badLength(errors, [...choicePath, 'name'], 1, 100);
    }
    if (typeof choice.value === 'string') {
      if (codePoints(choice.value) > 100) tooLong(errors, [...choicePath, 'value'], 100);
    } else if (typeof choice.value !== 'number') {
      required(errors, [...choicePath, 'value']);
    }
  });
}

/** The `data` of an autocomplete result (callback type 8): at most 25 choices. */
export function validateAutocomplete(data: unknown, path: Path = ['data']): DiscordErrorBody | null {
  const errors = new FormErrors();
  if (!isRecord(data) || !Array.isArray(data.choices)) {
    required(errors, [...path, 'choices']);
    return errors.result();
  }
  if (data.choices.length > 25) tooLong(errors, [...path, 'choices'], 25);
  checkChoices(errors, [...path, 'choices'], data.choices);
  return errors.result();
}

// Chat-input command and option names: lowercase letters/digits of any script, `-`, `_`, `'`.
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CHAT_INPUT = 1;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

function checkName(errors: FormErrors, path: Path, name: unknown, lowercase: boolean): void {
  if (typeof name !== 'string' || name === '') return required(errors, path);
  if (!NAME.test(name) || (lowercase && name !== name.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(errors: FormErrors, path: Path, description: unknown): void {
  if (typeof description !== 'string' || codePoints(description) < 1 || codePoints(description) > 100) {
    badLength(errors, path, 1, 100);
  }
}

function checkOptions(errors: FormErrors, path: Path, value: unknown): void {
  const options = optionalArray(errors, path, value, 25);
  const seen = new Set<string>();
  let optionalSeen = false;
  options.forEach((option, index) => {
    const optionPath = [...path, index];
    if (!isRecord(option)) return errors.add(optionPath, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    checkName(errors, [...optionPath, 'name'], option.name, true);
    checkDescription(errors, [...optionPath, 'description'], option.description);
    if (!Number.isInteger(option.type) || (option.type as number) < 1 || (option.type as number) > 11) {
      errors.add([...optionPath, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).');
    }
    if (typeof option.name === 'string') {
      if (seen.has(option.name)) errors.add([...optionPath, 'name'], 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME', 'Option names must be unique');
      seen.add(option.name);
    }
    if (option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP) {
      checkOptions(errors, [...optionPath, 'options'], option.options);
      return;
    }
    if (option.required === true && optionalSeen) {
      errors.add(optionPath, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option.required !== true) optionalSeen = true;
    checkChoices(errors, [...optionPath, 'choices'], optionalArray(errors, [...optionPath, 'choices'], option.choices, 25));
  });
}

/** A bulk-overwrite body (`PUT .../commands`): an array of command definitions. */
export function validateCommands(body: unknown): DiscordErrorBody | null {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors.result();
  }
  const seen = new Set<string>();
  const chatInput = body.filter((command) => !isRecord(command) || (command.type ?? CHAT_INPUT) === CHAT_INPUT);
  if (chatInput.length > 100) tooLong(errors, [], 100);
  body.forEach((command, index) => {
    if (!isRecord(command)) return errors.add([index], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    const type = command.type ?? CHAT_INPUT;
    if (type !== 1 && type !== 2 && type !== 3 && type !== 4) {
      errors.add([index, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).');
    }
    checkName(errors, [index, 'name'], command.name, type === CHAT_INPUT);
    const key = `${String(type)}:${String(command.name)}`;
    if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    seen.add(key);
    if (type === CHAT_INPUT) {
      checkDescription(errors, [index, 'description'], command.description);
      checkOptions(errors, [index, 'options'], command.options);
    }
    const permissions = command.default_member_permissions;
    if (permissions !== undefined && permissions !== null && !(typeof permissions === 'string' && /^\d+$/.test(permissions))) {
      errors.add([index, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a permissions bitfield string.');
    }
  });
  return errors.result();
}
