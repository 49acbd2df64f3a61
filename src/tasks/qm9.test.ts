import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from './dataset.js';
import { qm9Data, readQm9, QM9_EDGE_FEATURES, QM9_NODE_FEATURES } from './qm9.js';
import { writeSyntheticQm9 } from './qm9-synthetic.js';

// The first molecule of QM9 (gdb_1, methane) as gdb9.sdf lists it, and its CSV row.
const METHANE = `gdb_1
     RDKit          3D

  5  4  0  0  0  0  0  0  0  0999 V2000
   -0.0127    1.0858    0.0080 C   0  0  0  0  0  0  0  0  0  0  0  0
    0.0022   -0.0060    0.0020 H   0  0  0  0  0  0  0  0  0  0  0  0
    1.0117    1.4638    0.0003 H   0  0  0  0  0  0  0  0  0  0  0  0
   -0.5408    1.4475   -0.8766 H   0  0  0  0  0  0  0  0  0  0  0  0
   -0.5238    1.4379    0.9064 H   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  1  0
  1  3  1  0
  1  4  1  0
  1  5  1  0
M  END
$$$$
`;
const ACETYLENE = `gdb_5
     RDKit          3D

  4  3  0  0  0  0  0  0  0  0999 V2000
    0.5995    0.0000    1.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
   -0.5995    0.0000    1.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
   -1.6616    0.0000    1.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
    1.6616    0.0000    1.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  3  0
  1  4  1  0
  2  3  1  0
M  END
$$$$
`;
const HEADER = 'mol_id,A,B,C,mu,alpha,homo,lumo,gap,r2,zpve,u0,u298,h298,g298,cv,u0_atom,u298_atom,h298_atom,g298_atom';

function qm9Dir(sdf: string, csv: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'groklab-qm9-'));
  writeFileSync(join(dir, 'gdb9.sdf'), sdf);
  writeFileSync(join(dir, 'gdb9.sdf.csv'), csv);
  return dir;
}

describe("QM9 in PyG's raw layout", () => {
  const dir = qm9Dir(
    METHANE + ACETYLENE,
    `${HEADER}\ngdb_1,157.7118,157.70997,157.70699,0,13.21,-0.3877,0.1171,0.5048,35.3641,0.044749,-40.47893,-40.476062,-40.475117,-40.498597,6.469,-395.999594594,-398.643290011,-401.014646522,-372.471772148\ngdb_5,0,35.6100361,35.6100361,0,16.28,-0.2845,0.0506,0.3351,59.9891,0.026841,-77.308427,-77.305527,-77.304583,-77.327429,8.574,-464.785486129,-466.700836683,-468.96163582,-436.917615622\n`,
  );

  it("reads node and edge features as PyG's QM9 (11 per atom, 4 per bond, both directions) and the alpha column", () => {
    const { graphs, targets, ids } = readQm9(dir, 'alpha', 2);
    expect(ids).toEqual(['gdb_1', 'gdb_5']);
    expect(Array.from(targets)).toEqual([13.21, 16.28]);
    const [ch4, c2h2] = graphs;
    expect(ch4.nodes).toBe(5);
    const row = (g: typeof ch4, i: number) => Array.from(g.nodeFeatures.subarray(i * QM9_NODE_FEATURES, (i + 1) * QM9_NODE_FEATURES));
    // H C N O F, Z, aromatic, sp, sp2, sp3, hydrogens
    expect(row(ch4, 0)).toEqual([0, 1, 0, 0, 0, 6, 0, 0, 0, 1, 4]);
    expect(row(ch4, 1)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(row(c2h2, 0)).toEqual([0, 1, 0, 0, 0, 6, 0, 1, 0, 0, 1]);
    expect(Array.from(ch4.edgeSource)).toEqual([0, 1, 0, 2, 0, 3, 0, 4]);
    expect(Array.from(ch4.edgeTarget)).toEqual([1, 0, 2, 0, 3, 0, 4, 0]);
    expect(Array.from(c2h2.edgeFeatures.subarray(0, 2 * QM9_EDGE_FEATURES))).toEqual([0, 0, 1, 0, 0, 0, 1, 0]);
  });

  it('regresses another column on request, skips what uncharacterized.txt lists', () => {
    expect(Array.from(readQm9(dir, 'gap', 2).targets)).toEqual([0.5048, 0.3351]);
    const skipping = qm9Dir(METHANE + ACETYLENE, `${HEADER}\ngdb_1,${'1,'.repeat(18)}1\ngdb_5,${'2,'.repeat(18)}2\n`);
    writeFileSync(join(skipping, 'uncharacterized.txt'), `${Array.from({ length: 9 }, (_, i) => `header ${i}`).join('\n')}\n    1  x y z\n\nfooter\n`);
    expect(readQm9(skipping, 'alpha', 1).ids).toEqual(['gdb_5']);
  });

  it('names the file, the field and what to supply when the data is missing or wrong', () => {
    expect(() => readQm9(join(dir, 'none'), 'alpha', 2)).toThrow(DataFileError);
    expect(() => readQm9(join(dir, 'none'), 'alpha', 2)).toThrow(/cannot read the QM9 molecules .*gdb9\.sdf \(no such file\); QM9 is user-supplied .*--data/);
    expect(() => readQm9(dir, 'polarizability', 2)).toThrow(
      /gdb9\.sdf\.csv: the header has no column "polarizability" \(task\.target\); columns: mol_id, A, B/,
    );
    expect(() => readQm9(dir, 'alpha', 3)).toThrow(/gdb9\.sdf holds 2 molecules; 3 were asked for/);
    const swapped = qm9Dir(ACETYLENE + METHANE, `${HEADER}\ngdb_1,${'0,'.repeat(18)}0\ngdb_5,${'0,'.repeat(18)}0\n`);
    expect(() => readQm9(swapped, 'alpha', 2)).toThrow(/row 1 is gdb_1 but molecule 1 of .* is gdb_5/);
    const badAlpha = qm9Dir(METHANE, `${HEADER}\ngdb_1,1,1,1,0,oops,${'0,'.repeat(13)}0\n`);
    expect(() => readQm9(badAlpha, 'alpha', 1)).toThrow(/line 2: alpha must be a number, got "oops"/);
  });
});

describe('the synthetic fixture', () => {
  it('is read back whole, split in halves, with α in a QM9-like range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groklab-qm9-fixture-'));
    const alphas = writeSyntheticQm9(dir, { count: 40 });
    const data = qm9Data({ name: 'qm9', path: dir, molecules: 40, trainFraction: 0.5, target: 'alpha', splitSeed: 0, accuracyThreshold: 1 });
    expect(data.train.count).toBe(20);
    expect(data.test.count).toBe(20);
    expect(data.input).toEqual({ kind: 'graphs', nodeFeatures: 11, edgeFeatures: 4 });
    const read = [...data.train.targets!, ...data.test.targets!].sort((a, b) => a - b);
    expect(read).toEqual([...alphas].sort((a, b) => a - b));
    expect(Math.min(...alphas)).toBeGreaterThan(5);
    expect(Math.max(...alphas)).toBeLessThan(80);
    // the same seed writes the same molecules
    expect(writeSyntheticQm9(mkdtempSync(join(tmpdir(), 'groklab-qm9-again-')), { count: 40 })).toEqual(alphas);
  });
});
