// MDL SD files (V2000 molfiles separated by "$$$$"), the layout QM9 ships in (gdb9.sdf): per
// molecule a title line, a counts line, one line per atom (x y z symbol …) and one per bond
// (first atom, second atom, bond type; 1-based, fixed-width columns of 3).
import { closeSync, openSync, readSync } from 'node:fs';
import { DataFileError } from './dataset.js';

export interface SdfMolecule {
  /** the first line of the block, e.g. gdb_1 */
  title: string;
  /** element symbols, e.g. C, H */
  symbols: string[];
  /** [atoms, 3] positions (Å) row-major */
  positions: Float64Array;
  /** bonds as 0-based atom pairs with their type: 1 single, 2 double, 3 triple, 4 aromatic */
  bonds: { a: number; b: number; type: number }[];
}

/** The text of a file up to the point where `enough` says so (big files are read only as far as needed). */
export function readPrefix(path: string, enough: (text: string) => boolean, chunkBytes = 1 << 20): string {
  const fd = openSync(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8');
    const buffer = Buffer.alloc(chunkBytes);
    let text = '';
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      text += decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      if (read === 0 || enough(text)) return text;
    }
  } finally {
    closeSync(fd);
  }
}

const field = (line: string, start: number) => Number.parseInt(line.slice(start, start + 3), 10);

/** One molfile block; `where` names the file and block in errors. */
export function parseMolfile(block: string, where: string): SdfMolecule {
  const lines = block.replace(/^\s*\n/, '').split(/\r?\n/);
  const counts = lines[3];
  if (counts === undefined || !/V2000/.test(counts))
    throw new DataFileError(`${where}: line 4 is not a V2000 counts line (got ${JSON.stringify(counts ?? '')})`);
  const atoms = field(counts, 0);
  const bondCount = field(counts, 3);
  if (!(atoms > 0) || !(bondCount >= 0)) throw new DataFileError(`${where}: the counts line ${JSON.stringify(counts)} gives no atom and bond counts`);
  if (lines.length < 4 + atoms + bondCount) throw new DataFileError(`${where}: ends before its ${atoms} atoms and ${bondCount} bonds`);
  const symbols: string[] = [];
  const positions = new Float64Array(atoms * 3);
  for (let i = 0; i < atoms; i++) {
    const parts = lines[4 + i].trim().split(/\s+/);
    const xyz = parts.slice(0, 3).map(Number);
    if (parts.length < 4 || xyz.some((v) => !Number.isFinite(v)))
      throw new DataFileError(`${where}: atom line ${i + 1} should read "x y z symbol …", got ${JSON.stringify(lines[4 + i])}`);
    positions.set(xyz, 3 * i);
    symbols.push(parts[3]);
  }
  const bonds = Array.from({ length: bondCount }, (_, k) => {
    const line = lines[4 + atoms + k];
    const a = field(line, 0) - 1;
    const b = field(line, 3) - 1;
    const type = field(line, 6);
    if (!(a >= 0 && a < atoms && b >= 0 && b < atoms && a !== b) || ![1, 2, 3, 4].includes(type)) {
      throw new DataFileError(`${where}: bond line ${k + 1} should join two of the ${atoms} atoms with type 1–4, got ${JSON.stringify(line)}`);
    }
    return { a, b, type };
  });
  return { title: lines[0].trim(), symbols, positions, bonds };
}

/** The first `count` molecules of an SD file. */
export function readSdf(path: string, count: number): SdfMolecule[] {
  const blocks = (text: string) => text.split(/^\$\$\$\$\r?$/m);
  const text = readPrefix(path, (t) => blocks(t).length > count);
  const found = blocks(text)
    .slice(0, count)
    .filter((b) => b.trim() !== '');
  if (found.length < count) throw new DataFileError(`${path} holds ${found.length} molecules; ${count} were asked for`);
  return found.map((block, i) => parseMolfile(block, `${path}: molecule ${i + 1}`));
}

/** An SD file's text for these molecules (the test fixtures' writer). */
export function sdfText(molecules: readonly SdfMolecule[]): string {
  const pad = (v: number | string, width: number) => String(v).padStart(width);
  return molecules
    .map((m) => {
      const atoms = m.symbols.map(
        (s, i) => `${[0, 1, 2].map((d) => pad(m.positions[3 * i + d].toFixed(4), 10)).join('')} ${s.padEnd(3)} 0  0  0  0  0  0  0  0  0  0  0  0`,
      );
      const bonds = m.bonds.map(({ a, b, type }) => `${pad(a + 1, 3)}${pad(b + 1, 3)}${pad(type, 3)}  0`);
      return [
        m.title,
        '     groklab          3D',
        '',
        `${pad(m.symbols.length, 3)}${pad(m.bonds.length, 3)}  0  0  0  0  0  0  0  0999 V2000`,
        ...atoms,
        ...bonds,
        'M  END',
        '$$$$',
      ].join('\n');
    })
    .join('\n')
    .concat('\n');
}
