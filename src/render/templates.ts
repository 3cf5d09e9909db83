import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Platform } from './escape.js';
import { HELPERS } from './format.js';

// Every sentence a reader sees is written in templates/<platform>/<name>.hbs, one file per platform
// and message or message part, so wording and layout change without touching code. The brief's
// sections are partials: weekly-brief.hbs strings them together for a terminal or a plain message,
// and the Block Kit and embed layouts place each one where it belongs.

export const PLATFORMS: readonly Platform[] = ['text', 'slack', 'discord'];

/** One section of the weekly brief each; every platform has them all. */
export const BRIEF_SECTIONS = [
  'brief-headline',
  'brief-incomplete',
  'brief-market',
  'brief-top',
  'brief-movers',
  'brief-prices',
  'brief-new-models',
  'brief-revisions',
  'brief-footer',
] as const;
export type BriefSection = (typeof BRIEF_SECTIONS)[number];

/** Messages the scheduler posts that are not briefs (alerts use `alert`). */
export const NOTICES = ['notice-no-new-week', 'notice-stale-data', 'notice-delivery-paused'] as const;

const MESSAGES = [
  'weekly-brief', 'price', 'top', 'compare', 'alert', 'no-match', 'error', 'settings', 'usage', 'sentence', 'brief-delivery',
  ...NOTICES,
  'subscribed', 'unsubscribed', 'alerts-switched', 'status', 'already-delivered', 'brief-posted',
  ...BRIEF_SECTIONS,
] as const;

/** Layout parts only a chat platform's rich messages need (a header, continuation marks, a notification line). */
const CHAT_PARTS = { text: [], slack: ['brief-title', 'brief-notification', 'continued'], discord: ['brief-title', 'continued'] } as const;

export const TEMPLATE_NAMES = { text: [...MESSAGES, ...CHAT_PARTS.text], slack: [...MESSAGES, ...CHAT_PARTS.slack], discord: [...MESSAGES, ...CHAT_PARTS.discord] } as const;
export type TemplateName<P extends Platform = Platform> = (typeof TEMPLATE_NAMES)[P][number];

// src/render/templates.ts and dist/render/templates.js both sit two levels below the package root.
export const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

/** A set of templates read from one directory (tests point one at a changed copy). */
export interface Templates {
  render<P extends Platform>(platform: P, name: TemplateName<P>, view: object): string;
}

/** `strict` makes a field the view lacks an error instead of a silent blank; `noEscape` because views hold strings already escaped for the platform. */
const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

/** An isolated Handlebars per platform: its helpers, and its own templates as partials (`{{> brief-market}}`). */
function platformEnvironment(dir: URL, platform: Platform): Map<string, HandlebarsTemplateDelegate> {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) {
    // Handlebars appends its own options object to every call; the helpers take only the template's arguments.
    handlebars.registerHelper(name, (...args: unknown[]) => (helper as (...a: unknown[]) => string)(...args.slice(0, -1)));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const name of TEMPLATE_NAMES[platform]) {
    const template = handlebars.compile(readFileSync(new URL(`${platform}/${name}.hbs`, dir), 'utf8'), COMPILE_OPTIONS);
    handlebars.registerPartial(name, template);
    compiled.set(name, template);
  }
  return compiled;
}

export function loadTemplates(dir: URL = TEMPLATE_DIR): Templates {
  const environments = new Map<Platform, Map<string, HandlebarsTemplateDelegate>>();
  return {
    render(platform, name, view) {
      let environment = environments.get(platform);
      if (!environment) environments.set(platform, (environment = platformEnvironment(dir, platform)));
      const template = environment.get(name);
      if (!template) throw new Error(`no template ${platform}/${name}`);
      return tidy(template(view));
    },
  };
}

/** The package's own templates, read on first use. */
export const TEMPLATES = loadTemplates();

export function renderTemplate<P extends Platform>(platform: P, name: TemplateName<P>, view: object): string {
  return TEMPLATES.render(platform, name, view);
}

/** Templates stay readable with optional sections; the output gets no trailing blanks or blank-line runs. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
