// Test helpers: a synthetic grokking run, and a minimal PNG reader so tests can look at pixels.
import { inflateSync } from 'node:zlib';
import type { EvalPoint } from './training-curves.js';

/**
 * Grokking-shaped evals at log-spaced steps 0…10⁴: train accuracy rises around step 100, test
 * accuracy around step 3000; losses follow; weight_l2 grows during memorization and then decays.
 */
export function syntheticGrokEvals(): EvalPoint[] {
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const steps = [0, ...new Set(Array.from({ length: 81 }, (_, i) => Math.round(10 ** (i / 20))))];
  return steps.map((step) => {
    const t = Math.log10(Math.max(step, 1));
    const train = 0.01 + 0.99 * sigmoid(12 * (t - 1.9));
    const test = 0.01 + 0.99 * sigmoid(12 * (t - Math.log10(2500)));
    return {
      step,
      metrics: {
        train_acc: train,
        test_acc: test,
        train_loss: -Math.log(train) + 1e-5,
        test_loss: -Math.log(test) + 1e-4,
        weight_l2: 20 + 30 * sigmoid(4 * (t - 2)) - 35 * sigmoid(5 * (t - 3.4)),
      },
    };
  });
}

/** First step whose metric reaches `threshold` (the t_mem / t_gen rule of metrics/grokking.ts). */
export function firstCrossing(evals: readonly EvalPoint[], metric: string, threshold: number): number | null {
  return evals.find((e) => (e.metrics[metric] ?? -Infinity) >= threshold)?.step ?? null;
}

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row-major */
  rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decodes the 8-bit RGBA, non-interlaced PNGs resvg writes; throws on anything else. */
export function decodePng(png: Uint8Array): DecodedPng {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG: bad signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [view.getUint32(at + 8), view.getUint32(at + 12)];
      const [depth, colorType, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || colorType !== 6 || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}`);
    }
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  return { width, height, rgba: unfilter(inflateSync(Buffer.concat(idat)), width, height) };
}

/** Undoes the per-row PNG filters (None, Sub, Up, Average, Paeth) for 4 bytes per pixel. */
function unfilter(raw: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const o = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? out[o + i - 4]! : 0;
      const b = y > 0 ? out[o + i - stride]! : 0;
      const c = i >= 4 && y > 0 ? out[o + i - stride - 4]! : 0;
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      out[o + i] = (row[i]! + pred) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Throws unless every tag of `svg` closes in order: a cheap stand-in for an XML parser. */
export function assertWellFormed(svg: string): void {
  const open: string[] = [];
  for (const [, close, name, , selfClose] of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*?)(\/?)>/g)) {
    if (selfClose) continue;
    if (!close) open.push(name!);
    else if (open.pop() !== name) throw new Error(`</${name}> closes <${open.at(-1) ?? 'nothing'}>`);
  }
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
}

/** The text of every <text> element inside Vega mark groups of `role` (e.g. axis-title, legend-label). */
export function textsOfRole(svg: string, role: string): string[] {
  const groups = svg.matchAll(new RegExp(`<g class="mark-text role-${role}[ "][^>]*>(.*?)</g>`, 'gs'));
  return [...groups].flatMap(([, body]) => [...body!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, t]) => unescapeXml(t!)));
}

/** Each axis Vega described (e.g. "X-axis titled 'step' for a log scale …") with its tick labels. */
export function axes(svg: string): { description: string; labels: string[] }[] {
  const starts = [...svg.matchAll(/aria-roledescription="axis" aria-label="([^"]*)"/g)];
  return starts.map((m, i) => ({
    description: unescapeXml(m[1]!),
    labels: textsOfRole(svg.slice(m.index, starts[i + 1]?.index), 'axis-label'),
  }));
}

/** Series names of the drawn lines, one per line path (Vega labels each path for screen readers). */
export function linePaths(svg: string): string[] {
  return [...svg.matchAll(/<path aria-label="([^"]*)"[^>]*aria-roledescription="line mark"/g)].map(
    ([, label]) => /series: ([^;]*)/.exec(unescapeXml(label!))?.[1] ?? '',
  );
}

/** The outline of each point mark of series `name` (Vega draws circles as arcs, triangles as straight edges). */
export function pointPaths(svg: string, name: string): string[] {
  return [...svg.matchAll(/<path aria-label="([^"]*)"[^>]*aria-roledescription="point"[^>]*d="([^"]*)"/g)]
    .filter(([, label]) => unescapeXml(label!).endsWith(`series: ${name}`))
    .map(([, , d]) => d!);
}

/** How many pixels lie within `tolerance` (per channel) of the colour `hex`. */
export function countColor({ rgba }: DecodedPng, hex: string, tolerance = 40): number {
  const target = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let p = 0; p < rgba.length; p += 4) {
    if (target.every((c, k) => Math.abs(rgba[p + k]! - c) <= tolerance) && rgba[p + 3]! > 200) n++;
  }
  return n;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
