import type { Answer } from '../core/answers.js';
import { answerView } from './answer-view.js';
import type { Platform } from './escape.js';
import { TEMPLATES, type Templates } from './templates.js';

/** A command's answer as a chat message or terminal text. */
export function renderAnswer(answer: Answer, platform: Platform, templates: Templates = TEMPLATES): string {
  const { template, view } = answerView(answer, platform, templates);
  return templates.render(platform, template, view);
}
