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
export const NOTICES = ['notice-no-new-week', 'notice-stale-data', 'notice-delivery-paused', 'notice-refresh-failed'] as const;

const MESSAGES = [
  'weekly-brief', 'price', 'top', 'compare', 'same-model', 'alert', 'no-match', 'unranked-country', 'settings', 'preview', 'forbidden', 'sentence', 'brief-delivery',
  'usage', 'problem', 'command-usage', 'threshold-range', 'no-data',
  ...NOTICES,
  'subscribed', 'unsubscribed', 'alerts-switched', 'status', 'already-delivered', 'brief-posted',
  ...BRIEF_SECTIONS,
] as const;

/**
 * What only the chat platforms need: layout parts of their rich messages (a header, continuation
 * marks, a notification line) and the failures a chat command can meet.
 */
const CHAT_PARTS = { text: [], slack: ['brief-title', 'brief-notification', 'continued', 'failure', 'shortened'], discord: ['brief-title', 'continued', 'failure'] } as const;

export const TEMPLATE_NAMES = { text: [...MESSAGES, ...CHAT_PARTS.text], slack: [...MESSAGES, ...CHAT_PARTS.slack], discord: [...MESSAGES, ...CHAT_PARTS.discord] } as const;
export type TemplateName<P extends Platform = Platform> = (typeof TEMPLATE_NAMES)[P][number];

/** The words drawn into a chart image and its alt text: plain text, one set for every platform (templates/chart/). */
export const CHART_TEMPLATE_NAMES = ['share-title', 'share-alt', 'crossover', 'top-title', 'top-alt', 'bar-label', 'source', 'written'] as const;
export type ChartTemplateName = (typeof CHART_TEMPLATE_NAMES)[number];

// src/render/templates.ts and dist/render/templates.js both sit two levels below the package root.
export const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

/** A set of templates read from one directory (tests point one at a changed copy). */
export interface Templates {
  render<P extends Platform>(platform: P, name: TemplateName<P>, view: object): string;
}

/** `strict` makes a field the view lacks an error instead of a silent blank; `noEscape` because views hold strings already escaped for the platform. */
const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

/** An isolated Handlebars per template folder: its helpers, and its own templates as partials (`{{> brief-market}}`). */
function compileFolder(dir: URL, folder: string, names: readonly string[]): Map<string, HandlebarsTemplateDelegate> {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) {
    // Handlebars appends its own options object to every call; the helpers take only the template's arguments.
    handlebars.registerHelper(name, (...args: unknown[]) => (helper as (...a: unknown[]) => string)(...args.slice(0, -1)));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const name of names) {
    const template = handlebars.compile(readFileSync(new URL(`${folder}/${name}.hbs`, dir), 'utf8'), COMPILE_OPTIONS);
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
      if (!environment) environments.set(platform, (environment = compileFolder(dir, platform, TEMPLATE_NAMES[platform])));
      return apply(environment, `${platform}/${name}`, view);
    },
  };
}

/** The package's own templates, read on first use. */
export const TEMPLATES = loadTemplates();

export function renderTemplate<P extends Platform>(platform: P, name: TemplateName<P>, view: object): string {
  return TEMPLATES.render(platform, name, view);
}

let chartTemplates: Map<string, HandlebarsTemplateDelegate> | undefined;

/** A chart's text; the view's data text is plain (the SVG renderer escapes what it draws). */
export function renderChartText(name: ChartTemplateName, view: object): string {
  chartTemplates ??= compileFolder(TEMPLATE_DIR, 'chart', CHART_TEMPLATE_NAMES);
  return apply(chartTemplates, `chart/${name}`, view);
}

/** Runs `folder/name` from a compiled folder (keyed by name). */
function apply(compiled: Map<string, HandlebarsTemplateDelegate>, path: string, view: object): string {
  const template = compiled.get(path.slice(path.indexOf('/') + 1));
  if (!template) throw new Error(`no template ${path}`);
  return tidy(template(view));
}

/**
 * A template with one line per kind (sentence.hbs, failure.hbs) picks its line with `is.<kind>`;
 * strict templates need every flag present: the one kind true, the others false.
 */
export function kindFlags(kinds: readonly string[], kind: string): Record<string, boolean> {
  return Object.fromEntries(kinds.map((k) => [k, k === kind]));
}

/** Templates stay readable with optional sections; the output gets no trailing blanks or blank-line runs. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
