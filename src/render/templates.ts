import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Platform } from './escape.js';
import { HELPERS } from './format.js';

// Message layouts live in templates/<platform>/<name>.hbs, one file per platform and message, so
// wording and layout change without touching code. Every platform has every name.

export const PLATFORMS: readonly Platform[] = ['text', 'slack', 'discord'];
export const TEMPLATE_NAMES = ['weekly-brief', 'price', 'top', 'compare', 'alert', 'no-match', 'error', 'settings', 'usage'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
/** The words drawn into a chart image and its alt text: plain text, one set for every platform (templates/chart/). */
export const CHART_TEMPLATE_NAMES = ['share-title', 'share-alt', 'crossover', 'top-title', 'top-alt', 'bar-label', 'source', 'written'] as const;
export type ChartTemplateName = (typeof CHART_TEMPLATE_NAMES)[number];

// src/render/templates.ts and dist/render/templates.js both sit two levels below the package root.
export const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

// An isolated instance: helpers registered here cannot leak into, or be replaced by, other code.
const handlebars = Handlebars.create();
for (const [name, helper] of Object.entries(HELPERS)) {
  // Handlebars appends its own options object to every call; the helpers take only the template's arguments.
  handlebars.registerHelper(name, (...args: unknown[]) => (helper as (...a: unknown[]) => string)(...args.slice(0, -1)));
}

const compiled = new Map<string, ReturnType<typeof handlebars.compile>>();


/**
 * Renders a view through a template. `strict` makes a field the view lacks an error instead of a
 * silent blank; `noEscape` because views hold strings already escaped for the platform.
 */
export function renderTemplate(platform: Platform, name: TemplateName, view: object): string {
  return render(`${platform}/${name}`, view);
}

/** A chart's text; the view's data text is plain (the SVG renderer escapes what it draws). */
export function renderChartText(name: ChartTemplateName, view: object): string {
  return render(`chart/${name}`, view);
}

function render(path: string, view: object): string {
  let template = compiled.get(path);
  if (!template) {
    template = handlebars.compile(readFileSync(new URL(`${path}.hbs`, TEMPLATE_DIR), 'utf8'), { strict: true, noEscape: true });
    compiled.set(path, template);
  }
  return tidy(template(view));
}

/** Templates stay readable with optional sections; the output gets no trailing blanks or blank-line runs. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
