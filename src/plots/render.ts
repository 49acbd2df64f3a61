// Vega-Lite spec → Vega → SVG (no browser, no canvas) → PNG (resvg, with the bundled font only).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FONT_FAMILY, FONT_FILES } from './font.js';
import type { VegaLiteSpec } from './spec.js';
import { textWidth } from './text-width.js';

/** PNG pixels per SVG unit: 2× keeps 11 px labels crisp when the image is scaled down. */
export const PNG_SCALE = 2;

/**
 * NOTE: Vega, Vega-Lite and resvg load on the first render, not with this module: they take
 * about 0.6 s to import, and most commands (every refused input among them) draw nothing.
 */
async function renderers() {
  const [vega, { compile }, { renderAsync }] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  return { vega, compile, renderAsync };
}

export async function renderSpec(spec: VegaLiteSpec): Promise<{ svg: string; png: Buffer }> {
  const { vega, compile, renderAsync } = await renderers();
  measureWithBundledFont(vega);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = stableDefIds(await view.toSVG());
    const image = await renderAsync(svg, {
      font: { fontFiles: [...FONT_FILES], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
      fitTo: { mode: 'zoom', value: PNG_SCALE },
    });
    return { svg, png: image.asPng() };
  } finally {
    view.finalize();
  }
}

/** Writes `basePath.svg` and `basePath.png`; a reader never sees a half-written file. */
export async function writePlot(spec: VegaLiteSpec, basePath: string): Promise<{ svgPath: string; pngPath: string }> {
  const { svg, png } = await renderSpec(spec);
  const svgPath = `${basePath}.svg`;
  const pngPath = `${basePath}.png`;
  await mkdir(dirname(basePath), { recursive: true });
  await Promise.all([writeAtomic(svgPath, svg), writeAtomic(pngPath, png)]);
  return { svgPath, pngPath };
}

/**
 * Vega numbers clip paths and gradients from process-wide counters, so the same spec rendered
 * twice would differ; renumbered by first use, the SVG depends on the spec alone.
 */
function stableDefIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/(id="|url\(#)((?:p_)?(?:clip|gradient_))(\d+)/g, (_, lead: string, kind: string, n: string) => {
    const key = kind + n;
    if (!ids.has(key)) ids.set(key, `${kind}${[...ids.keys()].filter((k) => k.startsWith(kind)).length + 1}`);
    return lead + ids.get(key)!;
  });
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/**
 * Vega's text-width hook (public in vega-scenegraph, untyped in vega-typings), pointed at the
 * bundled font so the SVG is laid out for the glyphs resvg will draw. The hook is process-wide,
 * which suits every view rendered here. Labels past their `limit` are truncated by Vega to fit it.
 */
function measureWithBundledFont(vega: typeof import('vega')): void {
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const width = textWidth(text == null ? '' : String(text).trim(), item.fontSize ?? 11, bold);
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

let tmpCount = 0;

/** Temp file in the same directory, then rename: atomic on one filesystem. */
async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}-${tmpCount++}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
