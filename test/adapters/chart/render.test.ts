import { PNG } from 'pngjs';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChart, renderSvg } from '../../../src/adapters/chart/render.js';
import { createSampleSource } from '../../../src/adapters/source/sample.js';
import { silentLogger } from '../../../src/core/ports/logger.js';
import type { Store } from '../../../src/core/ports/store.js';
import type { Bloc, ChartData, TopSeries } from '../../../src/core/charts.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { loadChart } from '../../../src/jobs/chart.js';
import { ingest } from '../../../src/jobs/ingest.js';
import { BLOC_COLORS, CHART_HEIGHT, CHART_WIDTH, chartView } from '../../../src/render/chart-spec.js';
import { openStore } from '../../../src/wiring.js';

// Both charts drawn from the bundled sample, checked as a reader sees them: a PNG of the stated size
// whose bars have their bloc's colour where the chart's own layout puts them (pixels sampled, not a
// byte-exact snapshot), and alt text carrying the week's CN and US shares.

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  await ingest(createSampleSource(), store, silentLogger);
});
afterAll(() => store.close());

const chart = (kind: 'share' | 'top', week: string, weeks = 12) => loadChart(store, { kind, week, weeks, countries: DEFAULT_COUNTRY_MAP });

interface Box {
  datum: Record<string, unknown>;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface SceneNode {
  marktype?: string;
  items?: SceneNode[];
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  datum?: Record<string, unknown>;
}

/** Every bar of a chart in image pixels, read off Vega's own scenegraph of the same spec. */
async function bars(data: ChartData): Promise<Box[]> {
  const view = new View(parse(compile(chartView(data).spec).spec), { renderer: 'none' });
  await view.runAsync();
  const boxes: Box[] = [];
  const walk = (mark: SceneNode, ox: number, oy: number): void => {
    for (const item of mark.items ?? []) {
      if (mark.marktype === 'rect' && item.datum && item.width !== undefined && item.height !== undefined) {
        boxes.push({ datum: item.datum, x: ox + (item.x ?? 0), y: oy + (item.y ?? 0), width: item.width, height: item.height });
      }
      if (mark.marktype === 'group') for (const child of item.items ?? []) walk(child, ox + (item.x ?? 0), oy + (item.y ?? 0));
    }
  };
  // The SVG writer translates the scene by the view's origin plus its padding.
  const [ox, oy] = view.origin();
  const padding = view.padding() as { left: number; top: number };
  walk((view.scenegraph() as unknown as { root: SceneNode }).root, ox + padding.left, oy + padding.top);
  view.finalize();
  return boxes;
}

function pixel(png: PNG, x: number, y: number): string {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return `#${[0, 1, 2].map((c) => (png.data[i + c] ?? 0).toString(16).padStart(2, '0')).join('')}`;
}

const centre = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

function expectPng(buffer: Buffer): PNG {
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const png = PNG.sync.read(buffer);
  expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  return png;
}

describe.each([
  { week: '2026-W07', cn: '46.2%', us: '33.0%' },
  { week: '2026-W10', cn: '59.0%', us: '32.9%' },
])('charts of $week', ({ week, cn, us }) => {
  it('share: a PNG whose every bar segment has its bloc colour, CN at the bottom; alt text with the CN and US shares', async () => {
    const data = await chart('share', week);
    const image = await renderChart(data);
    const png = expectPng(image.png);
    const segments = (await bars(data)).filter((box) => typeof box.datum.bloc === 'string' && box.height >= 6);
    const labelOf: Record<string, Bloc> = { CN: 'CN', US: 'US', 'Other countries': 'rest', Unattributed: 'unattributed', 'Long tail': 'other' };
    expect(segments.length).toBeGreaterThan(20);
    for (const box of segments) {
      const { x, y } = centre(box);
      expect(pixel(png, x, y), `${String(box.datum.week)} ${String(box.datum.bloc)}`).toBe(BLOC_COLORS[labelOf[String(box.datum.bloc)] ?? 'CN']);
    }
    // The week's own column: CN fills the bottom, US sits above it.
    const column = segments.filter((box) => box.datum.week === week);
    const cnBox = column.find((box) => box.datum.bloc === 'CN');
    const usBox = column.find((box) => box.datum.bloc === 'US');
    expect(cnBox && usBox && cnBox.y > usBox.y).toBe(true);
    expect(image.alt).toContain(`in ${week} Chinese models had ${cn} and US models ${us}`);
    expect(image.alt).toContain('Chinese models passed US models in 2026-W07');
    expect(image.title).toContain(week);
    expect(image.fileName).toBe(`tokenbrief-share-${week}.png`);
  });

  it('top: ten bars coloured by country, longest first; alt text with the CN and US shares', async () => {
    const data = (await chart('top', week)) as TopSeries;
    const image = await renderChart(data);
    const png = expectPng(image.png);
    const drawn = (await bars(data)).filter((box) => typeof box.datum.model === 'string');
    expect(drawn).toHaveLength(10);
    for (const box of drawn) {
      const bar = data.bars.find((b) => b.rank === box.datum.rank);
      expect(bar).toBeDefined();
      expect(pixel(png, box.x + Math.min(box.width / 2, 20), box.y + box.height / 2)).toBe(BLOC_COLORS[bar?.bloc ?? 'CN']);
    }
    const [first, second] = [...drawn].sort((a, b) => a.y - b.y);
    expect(first?.datum.rank).toBe(1);
    expect(second?.datum.rank).toBe(2);
    expect(first && second && first.width > second.width).toBe(true);
    expect(image.alt).toContain(`Chinese models had ${cn} and US models ${us} of the week's tokens`);
    expect(image.title).toBe(`Top 10 models by tokens, ${week}`);
  });
});

it('the share chart spans the weeks asked for that have data, and says so in its title', async () => {
  const data = await chart('share', '2026-W10', 4);
  expect(data.kind === 'share' && data.weeks.map((w) => w.week)).toEqual(['2026-W07', '2026-W08', '2026-W09', '2026-W10']);
  expect(chartView(data).title).toBe('Weekly token share by country bloc, 2026-W07 to 2026-W10');
  // The sample starts in 2026-W01: twelve weeks back from W10 show the ten there are.
  const all = await chart('share', '2026-W10');
  expect(all.kind === 'share' && all.weeks).toHaveLength(10);
});

it('puts the CC BY source line with as_of in the image', async () => {
  const svg = await renderSvg(chartView(await chart('top', '2026-W10')));
  expect(svg).toContain('Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-09T02:05:00Z');
});

describe('hostile model names', () => {
  const HOSTILE = [
    '</text><script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"/><a href="javascript:alert(1)">click</a>',
    "' onload='alert(1)",
    '&amp; &#x3C;b&#x3E; ]]> <![CDATA[x]]>',
    '<!channel> @everyone {{x}} ${1+1}',
    'evil\u202eexe.txt\u0000\u001b[31m',
  ];
  const series: TopSeries = {
    kind: 'top',
    week: '2026-W10',
    asOf: '2026-03-09T02:05:00Z',
    bars: HOSTILE.map((name, i) => ({ rank: i + 1, name, country: i % 2 ? 'US' : 'CN', bloc: i % 2 ? 'US' : 'CN', tokens: 1e12 - i * 1e11, changePct: 5 })),
    cnShare: 0.5,
    usShare: 0.4,
  };

  it('are drawn as text: the SVG gains no elements or attributes from them, and rasterises', async () => {
    const svg = await renderSvg(chartView(series));
    // Every `<` left in the SVG opens one of Vega's own elements, and no attribute is a handler or a link.
    const tags = [...svg.matchAll(/<\/?([^\s>/]+)([^>]*)>/g)];
    expect(new Set(tags.map((tag) => tag[1]))).toEqual(new Set(['svg', 'rect', 'g', 'path', 'text', 'line']));
    const attributes = new Set(tags.flatMap((tag) => [...(tag[2] ?? '').matchAll(/\s([\w:-]+)="[^"]*"/g)].map((m) => m[1])));
    expect([...attributes].filter((name) => /^on|href/i.test(name ?? ''))).toEqual([]);
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    // Control and bidi characters are gone before the name reaches the chart.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(svg).not.toMatch(/[\u0000-\u0008\u001b\u202e]/);
    const image = await renderChart(series);
    expectPng(image.png);
    expect(image.alt).toContain('</text><script>alert(1)</script> (CN) led with 1.00T tokens');
  });
});
