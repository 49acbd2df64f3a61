// QM9 molecules as graphs for a message-passing network (Omnigrok Fig. 5, Liu, Michaud & Tegmark
// 2023; §4 of src/papers/omnigrok/README.md): regress one property, by default the isotropic polarizability
// α (Bohr³), of the first N molecules. QM9 is user-supplied in the layout PyTorch Geometric and
// MoleculeNet distribute it: a directory holding gdb9.sdf (the molecules) and gdb9.sdf.csv (one
// row per molecule, same order, columns mol_id, …, alpha, …), and optionally uncharacterized.txt
// (the molecules PyG skips). Node and edge features follow PyG's QM9 (11 and 4 per node / bond).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { key, permutation } from '../random/index.js';
import { csvRecords, CsvError } from './csv.js';
import { DataFileError, type Dataset, type Examples, type Graph } from './dataset.js';
import { readPrefix, readSdf, type SdfMolecule } from './sdf.js';
import type { TaskDefinition } from './task.js';

export const QM9_FILES = { molecules: 'gdb9.sdf', properties: 'gdb9.sdf.csv', skipped: 'uncharacterized.txt' } as const;
export const QM9_LAYOUT = `a directory holding ${QM9_FILES.molecules} (V2000 SD file) and ${QM9_FILES.properties} (header row with mol_id and the target column, e.g. alpha; one row per molecule in the SD file's order), optionally ${QM9_FILES.skipped} — PyTorch Geometric's QM9 raw/ directory or MoleculeNet's qm9.zip`;

export const qm9TaskSchema = z
  .object({
    name: z.literal('qm9'),
    path: z.string().min(1).describe(`QM9, supplied by the user: ${QM9_LAYOUT}`),
    molecules: z
      .number()
      .int()
      .min(4)
      .default(100)
      .describe('N: the first N molecules (after the skipped ones) are used, as dataset[:N] in PyG (Omnigrok: 100)'),
    trainFraction: z.number().gt(0).lt(1).default(0.5).describe('fraction of the N molecules trained on, the rest tested (Omnigrok: a random half)'),
    target: z.string().min(1).default('alpha').describe('the CSV column regressed (Omnigrok: alpha, the isotropic polarizability in Bohr³)'),
    splitSeed: z.number().int().min(0).default(0).describe('seed of the train/test split (independent of the model seed)'),
    accuracyThreshold: z.number().positive().default(1).describe('a molecule counts as correct when its squared error is below this (the "accuracy" metric)'),
  })
  .strict();

export type Qm9Task = z.infer<typeof qm9TaskSchema>;

/** PyG's atom types, in the order of their one-hot columns, with atomic numbers. */
const ELEMENTS = { H: 1, C: 6, N: 7, O: 8, F: 9 } as const;
type Element = keyof typeof ELEMENTS;
const ELEMENT_ORDER = Object.keys(ELEMENTS) as Element[];

/** one-hot H C N O F, atomic number, aromatic, sp, sp2, sp3, attached hydrogens */
export const QM9_NODE_FEATURES = 11;
/** one-hot single, double, triple, aromatic */
export const QM9_EDGE_FEATURES = 4;

/**
 * PyG's QM9 node features. NOTE: PyG reads the SD file with RDKit (sanitize=False); here the
 * hybridization is inferred from the bond orders (a triple or two double bonds: sp; one double
 * or an aromatic bond: sp2; otherwise sp3 for heavy atoms, none for H).
 */
export function moleculeGraph(m: SdfMolecule, where: string): Graph {
  const n = m.symbols.length;
  const nodeFeatures = new Float64Array(n * QM9_NODE_FEATURES);
  const orders = m.symbols.map(() => ({ double: 0, triple: 0, aromatic: 0, hydrogens: 0 }));
  for (const { a, b, type } of m.bonds) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      if (type === 2) orders[x].double++;
      if (type === 3) orders[x].triple++;
      if (type === 4) orders[x].aromatic++;
      if (m.symbols[y] === 'H') orders[x].hydrogens++;
    }
  }
  m.symbols.forEach((symbol, i) => {
    if (!(symbol in ELEMENTS)) throw new DataFileError(`${where}: atom ${i + 1} is ${JSON.stringify(symbol)}; QM9 holds only ${ELEMENT_ORDER.join(', ')}`);
    const element = symbol as Element;
    const o = orders[i];
    const sp = o.triple > 0 || o.double >= 2;
    const sp2 = !sp && (o.double === 1 || o.aromatic > 0);
    const sp3 = !sp && !sp2 && element !== 'H';
    const row = [
      ...ELEMENT_ORDER.map((e) => (e === element ? 1 : 0)),
      ELEMENTS[element],
      o.aromatic > 0 ? 1 : 0,
      sp ? 1 : 0,
      sp2 ? 1 : 0,
      sp3 ? 1 : 0,
      o.hydrogens,
    ];
    nodeFeatures.set(row, i * QM9_NODE_FEATURES);
  });
  const edges = m.bonds.length * 2;
  const edgeSource = new Int32Array(edges);
  const edgeTarget = new Int32Array(edges);
  const edgeFeatures = new Float64Array(edges * QM9_EDGE_FEATURES);
  m.bonds.forEach(({ a, b, type }, k) => {
    for (const [e, from, to] of [
      [2 * k, a, b],
      [2 * k + 1, b, a],
    ]) {
      edgeSource[e] = from;
      edgeTarget[e] = to;
      edgeFeatures[e * QM9_EDGE_FEATURES + type - 1] = 1;
    }
  });
  return { nodes: n, nodeFeatures, edgeSource, edgeTarget, edgeFeatures };
}

function readable(path: string, what: string): void {
  let ok = false;
  try {
    ok = statSync(path).isFile();
  } catch {
    ok = false;
  }
  if (!ok) throw new DataFileError(`cannot read ${what} ${path} (no such file); QM9 is user-supplied (task.path; --data for groklab reproduce): ${QM9_LAYOUT}`);
}

/** PyG's skip list: uncharacterized.txt, 1-based indices in the first column between 9 header and 2 footer lines. */
function skippedIndices(dir: string): Set<number> {
  const path = join(dir, QM9_FILES.skipped);
  if (!existsSync(path)) return new Set();
  const lines = readFileSync(path, 'utf8').split('\n').slice(9, -2);
  return new Set(lines.map((l) => Number.parseInt(l.trim().split(/\s+/)[0], 10) - 1).filter((i) => Number.isInteger(i) && i >= 0));
}

/** Rows of gdb9.sdf.csv: mol_id and the target, for the first `count` molecules. */
function readProperties(path: string, target: string, count: number): { id: string; value: number }[] {
  const text = readPrefix(path, (t) => t.split('\n').length > count + 2);
  const rows: { id: string; value: number }[] = [];
  try {
    const records = csvRecords(text, path);
    const header = records.next();
    if (header.done) throw new DataFileError(`${path} is empty; expected a header row with mol_id and ${target}`);
    const names = header.value.fields.map((f) => f.trim());
    const at = names.indexOf(target);
    if (at < 0) throw new DataFileError(`${path}: the header has no column ${JSON.stringify(target)} (task.target); columns: ${names.join(', ')}`);
    const idAt = names.indexOf('mol_id');
    for (const { fields, line } of records) {
      if (rows.length === count) break;
      if (fields.length !== names.length) throw new DataFileError(`${path}: line ${line}: ${fields.length} fields, but the header has ${names.length}`);
      const value = Number(fields[at]);
      if (fields[at].trim() === '' || !Number.isFinite(value))
        throw new DataFileError(`${path}: line ${line}: ${target} must be a number, got ${JSON.stringify(fields[at])}`);
      rows.push({ id: idAt >= 0 ? fields[idAt].trim() : '', value });
    }
  } catch (error) {
    if (error instanceof CsvError) throw new DataFileError(error.message);
    throw error;
  }
  return rows;
}

/** The first `count` usable molecules as graphs with their target, in file order. */
export function readQm9(dir: string, target: string, count: number): { graphs: Graph[]; targets: Float64Array; ids: string[] } {
  const sdfPath = join(dir, QM9_FILES.molecules);
  const csvPath = join(dir, QM9_FILES.properties);
  readable(sdfPath, 'the QM9 molecules');
  readable(csvPath, 'the QM9 properties');
  const skip = skippedIndices(dir);
  // Read as far as `count` molecules that are not skipped.
  let needed = count;
  for (;;) {
    const skippedBefore = [...skip].filter((i) => i < needed).length;
    if (count + skippedBefore === needed) break;
    needed = count + skippedBefore;
  }
  const molecules = readSdf(sdfPath, needed);
  const properties = readProperties(csvPath, target, needed);
  if (properties.length < needed) throw new DataFileError(`${csvPath} holds ${properties.length} rows; the first ${needed} molecules need one each`);
  const graphs: Graph[] = [];
  const targets: number[] = [];
  const ids: string[] = [];
  molecules.forEach((m, i) => {
    if (skip.has(i)) return;
    const { id, value } = properties[i];
    if (id !== '' && m.title !== '' && id !== m.title)
      throw new DataFileError(
        `${csvPath}: row ${i + 1} is ${id} but molecule ${i + 1} of ${sdfPath} is ${m.title}: the files must list the same molecules in the same order`,
      );
    graphs.push(moleculeGraph(m, `${sdfPath}: molecule ${i + 1}`));
    targets.push(value);
    ids.push(m.title);
  });
  return { graphs, targets: Float64Array.from(targets), ids };
}

export function qm9Data(task: Qm9Task): Dataset {
  const { graphs, targets } = readQm9(task.path, task.target, task.molecules);
  const order = permutation(key(task.splitSeed), graphs.length);
  const trainCount = Math.round(task.trainFraction * graphs.length);
  const split = (rows: ArrayLike<number>): Examples => ({
    count: rows.length,
    graphs: Array.from(rows, (r) => graphs[r]),
    targets: Float64Array.from(rows, (r) => targets[r]),
  });
  return {
    train: split(order.subarray(0, trainCount)),
    test: split(order.subarray(trainCount)),
    input: { kind: 'graphs', nodeFeatures: QM9_NODE_FEATURES, edgeFeatures: QM9_EDGE_FEATURES },
    outputs: 1,
    objective: { name: 'mse', accuracyThreshold: task.accuracyThreshold, zeroBaseline: false },
  };
}

export const qm9Task = { schema: qm9TaskSchema, experiment: 'supervised', data: (task) => qm9Data(task) } satisfies TaskDefinition<typeof qm9TaskSchema>;
