// Text widths from the bundled font's own advance widths. Without a canvas Vega guesses 0.8 em per
// character, ~30 % too wide for DejaVu Sans: legends, axis titles and label-overlap checks were
// laid out for text that the PNG then draws narrower. Kerning is ignored (a pixel or two).
import { readFileSync } from 'node:fs';
import { FONT_FILES } from './font.js';

/** Advance width in em of each BMP character the font maps; unmapped ones use glyph 0's. */
interface Advances {
  get(codePoint: number): number;
}

let fonts: { regular: Advances; bold: Advances } | undefined;

/** Width in px of one line of `text`, as the bundled font draws it. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  fonts ??= { regular: parseAdvances(readFileSync(FONT_FILES[0]!)), bold: parseAdvances(readFileSync(FONT_FILES[1]!)) };
  const font = bold ? fonts.bold : fonts.regular;
  let em = 0;
  for (const ch of text) em += font.get(ch.codePointAt(0)!);
  return em * fontSize;
}

/** Reads head (units per em), hhea + hmtx (advances) and the cmap format-4 (BMP) subtable. */
function parseAdvances(ttf: Buffer): Advances {
  const tables = new Map<string, number>();
  for (let i = 0, n = ttf.readUInt16BE(4); i < n; i++) {
    const rec = 12 + 16 * i;
    tables.set(ttf.toString('latin1', rec, rec + 4), ttf.readUInt32BE(rec + 8));
  }
  const at = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = ttf.readUInt16BE(at('head') + 18);
  const metrics = ttf.readUInt16BE(at('hhea') + 34);
  const hmtx = at('hmtx');
  // Glyphs past numberOfHMetrics share the last advance.
  const advance = (glyph: number) => ttf.readUInt16BE(hmtx + 4 * Math.min(glyph, metrics - 1)) / unitsPerEm;
  const glyphOf = cmap4(ttf, at('cmap'));
  const memo = new Map<number, number>();
  return {
    get(cp) {
      let em = memo.get(cp);
      if (em === undefined) memo.set(cp, (em = advance(cp > 0xffff ? 0 : glyphOf(cp))));
      return em;
    },
  };
}

function cmap4(ttf: Buffer, cmap: number): (cp: number) => number {
  let sub = -1;
  for (let i = 0, n = ttf.readUInt16BE(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const offset = cmap + ttf.readUInt32BE(rec + 4);
    if (ttf.readUInt16BE(rec) === 3 && ttf.readUInt16BE(rec + 2) === 1 && ttf.readUInt16BE(offset) === 4) sub = offset;
  }
  if (sub < 0) throw new Error('font has no Unicode BMP (3, 1, format 4) cmap');
  const segs = ttf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const ranges = deltas + 2 * segs;
  return (cp) => {
    for (let s = 0; s < segs; s++) {
      if (cp > ttf.readUInt16BE(ends + 2 * s)) continue;
      const start = ttf.readUInt16BE(starts + 2 * s);
      if (cp < start) return 0;
      const delta = ttf.readUInt16BE(deltas + 2 * s);
      const range = ttf.readUInt16BE(ranges + 2 * s);
      if (range === 0) return (cp + delta) & 0xffff;
      const glyph = ttf.readUInt16BE(ranges + 2 * s + range + 2 * (cp - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
