// Synthetic molecules in QM9's layout (gdb9.sdf + gdb9.sdf.csv), for tests and the quick
// reproduction: QM9 itself is user-supplied and never downloaded. Each molecule is a random tree
// of 1–6 heavy atoms (C, N, O, F) with some double and triple bonds, filled with hydrogens to
// the usual valences, at made-up 3-D positions. Its "polarizability" is additive like the real
// one: a contribution per atom type and per bond type, one per heavy atom's hydrogen count and a
// little noise, so a message-passing network with sum pooling can learn it. Seeded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldIn, key, normal, uniform } from '../random/index.js';
import { QM9_FILES } from './qm9.js';
import { sdfText, type SdfMolecule } from './sdf.js';

const VALENCE = { C: 4, N: 3, O: 2, F: 1 } as const;
type Heavy = keyof typeof VALENCE;
/** Bohr³ per atom (QM9's α is ≈ 75 for 9 heavy atoms with their hydrogens) */
const ATOM_ALPHA = { H: 1.9, C: 5.8, N: 4.6, O: 3.4, F: 2.1 } as const;
const BOND_ALPHA = [0, 0.4, 2.2, 3.6] as const;
/** per pair of hydrogens on one heavy atom: a term not linear in the atom features */
const HYDROGEN_PAIR_ALPHA = 0.35;

export interface SyntheticQm9Options {
  count: number;
  seed?: number;
  /** standard deviation of the noise added to α (default 0.2) */
  noise?: number;
}

interface Synthetic {
  molecule: SdfMolecule;
  alpha: number;
}

function molecule(index: number, root: ReturnType<typeof key>, noise: number): Synthetic {
  const k = foldIn(root, index);
  const u = uniform(foldIn(k, 0), 64, 'float64', 0, 1);
  let next = 0;
  const draw = () => u[next++ % u.length];
  const heavyCount = 1 + Math.floor(draw() * 6);
  const symbols: string[] = [];
  const free: number[] = [];
  const bonds: SdfMolecule['bonds'] = [];
  for (let i = 0; i < heavyCount; i++) {
    const r = draw();
    const element: Heavy = r < 0.6 ? 'C' : r < 0.75 ? 'N' : r < 0.95 ? 'O' : 'F';
    // Attach to an earlier atom with a free valence; a fluorine only ends a chain.
    const parents = symbols.map((_, j) => j).filter((j) => free[j] > 0);
    if (i > 0 && parents.length === 0) break;
    symbols.push(i > 0 || element !== 'F' ? element : 'C');
    free.push(VALENCE[symbols[i] as Heavy]);
    if (i === 0) continue;
    const parent = parents[Math.floor(draw() * parents.length)];
    const most = Math.min(free[parent], free[i], 3);
    const r2 = draw();
    const order = most >= 3 && r2 < 0.06 ? 3 : most >= 2 && r2 < 0.25 ? 2 : 1;
    bonds.push({ a: parent, b: i, type: order });
    free[parent] -= order;
    free[i] -= order;
  }
  const heavy = symbols.length;
  const hydrogensOf = free.slice();
  for (let i = 0; i < heavy; i++) {
    for (let h = 0; h < hydrogensOf[i]; h++) {
      symbols.push('H');
      bonds.push({ a: i, b: symbols.length - 1, type: 1 });
    }
  }
  // Positions: each atom 1.1–1.5 Å from the atom it hangs on, in a random direction.
  const directions = normal(foldIn(k, 1), symbols.length * 3, 'float64');
  const positions = new Float64Array(symbols.length * 3);
  const parentOf = new Map<number, number>(bonds.map(({ a, b }) => [b, a]));
  symbols.forEach((s, i) => {
    if (i === 0) return;
    const p = parentOf.get(i)!;
    const d = directions.subarray(3 * i, 3 * i + 3);
    const length = Math.hypot(d[0], d[1], d[2]) || 1;
    const bond = s === 'H' ? 1.09 : 1.45;
    for (let c = 0; c < 3; c++) positions[3 * i + c] = positions[3 * p + c] + (bond * d[c]) / length;
  });
  const atoms = symbols.reduce((sum, s) => sum + ATOM_ALPHA[s as keyof typeof ATOM_ALPHA], 0);
  const bondTerms = bonds.reduce((sum, { type }) => sum + BOND_ALPHA[type], 0);
  const pairs = hydrogensOf.reduce((sum, h) => sum + (h * (h - 1)) / 2, 0);
  const alpha = atoms + bondTerms + HYDROGEN_PAIR_ALPHA * pairs + noise * normal(foldIn(k, 2), 1, 'float64')[0];
  return { molecule: { title: `gdb_${index + 1}`, symbols, positions, bonds }, alpha };
}

/** Writes gdb9.sdf and gdb9.sdf.csv for `count` synthetic molecules into `dir`; returns their α. */
export function writeSyntheticQm9(dir: string, { count, seed = 0, noise = 0.2 }: SyntheticQm9Options): number[] {
  const root = key(seed);
  const made = Array.from({ length: count }, (_, i) => molecule(i, root, noise));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, QM9_FILES.molecules), sdfText(made.map((m) => m.molecule)));
  const rows = made.map((m, i) => `gdb_${i + 1},0,0,0,${(i % 7) / 3},${m.alpha.toFixed(4)},-0.25`);
  writeFileSync(join(dir, QM9_FILES.properties), ['mol_id,A,B,C,mu,alpha,homo', ...rows].join('\n').concat('\n'));
  return made.map((m) => Number(m.alpha.toFixed(4)));
}
