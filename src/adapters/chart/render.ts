import { createRequire } from 'node:module';
import type { ChartRenderer } from '../../core/ports/charts.js';
import { CHART_FONT, chartView, type ChartView } from '../../render/chart-spec.js';

// Chart data → PNG: Vega-Lite compiles the spec, Vega's headless view writes SVG (no canvas, no
// browser), resvg rasterises it with the bundled Inter font and system fonts off, so the image is
// the same on a laptop, a server and CI.

const require = createRequire(import.meta.url);
const FONT_FILES = ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf'].map((file) => `@expo-google-fonts/inter/${file}`);

let fontPaths: string[] | undefined;

/** Resolved on the first chart: most processes never draw one. */
function fontFiles(): string[] {
  fontPaths ??= FONT_FILES.map((file) => require.resolve(file));
  return fontPaths;
}

// Loaded on the first chart, not at start: it takes about 30 MB that a bot drawing no chart never pays
// for, and the first chart (a second or more to load) is given the time (see the tick's chart deadline).
const stack = async () => {
  const [vega, vegaLite, resvg] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  return { parse: vega.parse, View: vega.View, compile: vegaLite.compile, Resvg: resvg.Resvg };
};

export async function renderSvg(view: ChartView): Promise<string> {
  const { parse, View, compile } = await stack();
  const vega = new View(parse(compile(view.spec).spec), { renderer: 'none' });
  try {
    return await vega.toSVG();
  } finally {
    vega.finalize();
  }
}

export async function rasterise(svg: string): Promise<{ png: Buffer; width: number; height: number }> {
  const { Resvg } = await stack();
  const image = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    fitTo: { mode: 'original' },
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

export const renderChart: ChartRenderer = async (data) => {
  const view = chartView(data);
  const { png, width, height } = await rasterise(await renderSvg(view));
  return { png, width, height, title: view.title, alt: view.alt, fileName: view.fileName, week: view.week, kind: view.kind };
};
