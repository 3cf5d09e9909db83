import type { Answer } from '../core/answers.js';
import { answerView } from './answer-view.js';
import type { Platform } from './escape.js';
import { renderTemplate } from './templates.js';

/** A command's answer as a chat message or terminal text. */
export function renderAnswer(answer: Answer, platform: Platform): string {
  const { template, view } = answerView(answer, platform);
  return renderTemplate(platform, template, view);
}
