import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { briefView } from '../../src/render/brief-view.js';
import { BRIEF_SECTIONS, CHART_TEMPLATE_NAMES, PLATFORMS, renderTemplate, TEMPLATE_DIR, TEMPLATE_NAMES } from '../../src/render/templates.js';
import { brief } from './fixtures.js';

describe('template files', () => {
  it('the template dir is the package root templates/', () => {
    expect(fileURLToPath(TEMPLATE_DIR)).toBe(fileURLToPath(new URL('../../templates/', import.meta.url)));
  });

  it('every platform has every message and brief section; the chat platforms add their layout parts', () => {
    for (const platform of PLATFORMS) {
      const expected = TEMPLATE_NAMES[platform].map((name) => `${name}.hbs`).sort();
      expect(readdirSync(new URL(`${platform}/`, TEMPLATE_DIR)).sort(), platform).toEqual(expected);
      expect(TEMPLATE_NAMES[platform], platform).toEqual(expect.arrayContaining([...TEMPLATE_NAMES.text]));
    }
    expect(readdirSync(TEMPLATE_DIR).sort()).toEqual([...PLATFORMS, 'chart'].sort());
    expect(readdirSync(new URL('chart/', TEMPLATE_DIR)).sort()).toEqual(CHART_TEMPLATE_NAMES.map((name) => `${name}.hbs`).sort());
  });

  it('includes the four message families, the answer extras and every brief section', () => {
    expect(TEMPLATE_NAMES.text).toEqual(expect.arrayContaining(['weekly-brief', 'price', 'top', 'alert', 'compare', 'no-match', 'unranked-country', ...BRIEF_SECTIONS]));
  });
});

describe('renderTemplate', () => {
  it('is strict: a field missing from the view is an error, not a blank', () => {
    for (const platform of PLATFORMS) {
      expect(() => renderTemplate(platform, 'usage', {}), platform).toThrow(/"problem" not defined/);
      const { footer: _footer, ...withoutFooter } = briefView(brief(), platform);
      expect(() => renderTemplate(platform, 'weekly-brief', withoutFooter), platform).toThrow(/"footer" not defined/);
    }
  });

  it('does no HTML escaping: views are already escaped for their platform', () => {
    expect(renderTemplate('text', 'usage', { problem: `a & <b> "c" 'd'`, usage: 'x' })).toBe(`a & <b> "c" 'd'\nUsage: x`);
  });

  it('renders the same view twice identically (compiled once, cached)', () => {
    const view = briefView(brief(), 'slack');
    expect(renderTemplate('slack', 'weekly-brief', view)).toBe(renderTemplate('slack', 'weekly-brief', view));
  });

  it('leaves no trailing spaces or runs of blank lines', () => {
    for (const platform of PLATFORMS) {
      const out = renderTemplate(platform, 'weekly-brief', briefView(brief(), platform));
      expect(out).not.toMatch(/[ \t]+$/m);
      expect(out).not.toMatch(/\n{3,}/);
      expect(out).toBe(out.trim());
    }
  });
});
