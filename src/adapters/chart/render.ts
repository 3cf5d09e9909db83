import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { ChartData } from '../../core/charts.js';
import { CHART_FONT, chartView, type ChartView } from '../../render/chart-spec.js';

// Chart data → PNG: Vega-Lite compiles the spec, Vega's headless view writes SVG (no canvas, no
// browser), resvg rasterises it with the bundled Inter font and system fonts off, so the image is
// the same on a laptop, a server and CI.

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  title: string;
  alt: string;
  fileName: string;
  week: string;
  kind: ChartView['kind'];
}

/** Renders one chart; what the chat adapters and the CLI are given (tests pass failing ones). */
export type ChartRenderer = (data: ChartData) => Promise<ChartImage>;

const require = createRequire(import.meta.url);
const FONT_FILES = ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf'].map((file) => `@expo-google-fonts/inter/${file}`);

let fontPaths: string[] | undefined;

/** Resolved on the first chart: most processes never draw one. */
function fontFiles(): string[] {
  fontPaths ??= FONT_FILES.map((file) => require.resolve(file));
  return fontPaths;
}

export async function renderSvg(view: ChartView): Promise<string> {
  const vega = new View(parse(compile(view.spec).spec), { renderer: 'none' });
  try {
    return await vega.toSVG();
  } finally {
    vega.finalize();
  }
}

export function rasterise(svg: string): { png: Buffer; width: number; height: number } {
  const image = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    fitTo: { mode: 'original' },
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

export const renderChart: ChartRenderer = async (data) => {
  const view = chartView(data);
  const { png, width, height } = rasterise(await renderSvg(view));
  return { png, width, height, title: view.title, alt: view.alt, fileName: view.fileName, week: view.week, kind: view.kind };
};
