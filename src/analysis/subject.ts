// What a measure looks at: one trained network (its model and the parameters of one snapshot)
// and the task it learns. Logits are computed on demand and kept for the snapshot, so measures
// that read the same outputs share one forward pass.
import type { Model } from '../models/index.js';
import type { Dataset, Examples } from '../tasks/dataset.js';
import { modularTaskSchema, type ModularTask } from '../tasks/modular.js';
import * as T from '../tensor/index.js';

/** The run's task config (validated) and the network built for it. */
export interface Subject {
  task: { name: string } & Record<string, unknown>;
  /** the config's model.name, e.g. mlp or transformer */
  modelName: string;
  model: Model;
  data: Dataset;
}

export type ParameterArrays = Readonly<Record<string, T.FloatArray>>;

/** One snapshot of a subject: its parameters, and its outputs on example sets, each computed once. */
export class SnapshotView {
  private readonly outputs = new Map<string, Float32Array | Float64Array>();
  private readonly tensors: Record<string, T.Tensor>;

  constructor(
    readonly subject: Subject,
    readonly step: number,
    readonly arrays: ParameterArrays,
  ) {
    for (const [name, shape] of Object.entries(subject.model.shapes)) {
      const data = arrays[name];
      if (!data || data.length !== shape.reduce((a, b) => a * b, 1))
        throw new Error(`snapshot at step ${step}: parameter ${name} is missing or not of shape [${shape.join(', ')}]`);
    }
    this.tensors = Object.fromEntries(Object.entries(subject.model.shapes).map(([name, shape]) => [name, new T.Tensor(arrays[name], [...shape])]));
  }

  /** The model's outputs [examples.count, outputs] row-major, for a named set of examples (memoized by name). */
  outputsOf(name: string, examples: Examples): Float32Array | Float64Array {
    let out = this.outputs.get(name);
    if (!out) {
      // NOTE: a copy: tidy recycles every buffer it allocated, the logits' included.
      out = T.tidy(() => T.noGrad(() => this.subject.model.apply(this.tensors, examples).data.slice()));
      this.outputs.set(name, out);
    }
    return out;
  }
}

/** Every pair (a, b, =) of Z_p, row a·p + b: the grid the logits of a modular task are read from. */
export function pairGrid(p: number): Examples {
  const tokens = new Int32Array(p * p * 3);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) tokens.set([a, b, p], (a * p + b) * 3);
  return { tokens, count: p * p };
}

/** The model's logits on every pair of a modular task, [p², outputs] with row a·p + b (one forward pass per snapshot). */
export const pairLogits = (view: SnapshotView, p: number): Float32Array | Float64Array => view.outputsOf('pairs', pairGrid(p));

/**
 * The outputs of a split's examples, [count, outputs]. For a modular task they are the rows of
 * the pair grid, so every measure of a snapshot shares one forward pass.
 */
export function splitOutputs(view: SnapshotView, split: 'train' | 'test'): Float32Array | Float64Array {
  const examples = view.subject.data[split];
  const task = modularTask(view.subject);
  if (!task || !examples.tokens) return view.outputsOf(split, examples);
  const grid = pairLogits(view, task.p);
  const classes = view.subject.data.outputs;
  const out = new (grid instanceof Float32Array ? Float32Array : Float64Array)(examples.count * classes);
  for (let e = 0; e < examples.count; e++) {
    const row = examples.tokens[e * 3] * task.p + examples.tokens[e * 3 + 1];
    out.set(grid.subarray(row * classes, (row + 1) * classes), e * classes);
  }
  return out;
}

/** The modular-arithmetic task of a subject, or null for any other task. */
export function modularTask(subject: Subject): ModularTask | null {
  if (subject.task.name !== 'modular') return null;
  return modularTaskSchema.parse(subject.task);
}

/**
 * Where a model keeps the numbers 0 … p−1 as vectors, as a [p, width] matrix: the token
 * embedding (rows of the numbers, without "="); two operand embeddings side by side; or, for an
 * MLP on one-hot operands, the first layer's rows of each operand side by side. Null when the
 * model has none of these.
 */
export function numberEmbedding(view: SnapshotView, p: number): { matrix: Float64Array; width: number; source: string } | null {
  const shapes = view.subject.model.shapes;
  const tables = 'embed' in shapes ? ['embed'] : 'embedX' in shapes && 'embedY' in shapes ? ['embedX', 'embedY'] : null;
  if (tables)
    return sideBySide(
      tables.map((name) => ({ data: view.arrays[name], cols: shapes[name][1], firstRow: 0 })),
      p,
      tables.join(' | '),
    );
  const w0 = shapes.w0;
  if (view.subject.modelName === 'mlp' && view.subject.data.input.kind === 'tokens' && w0 && w0[0] === 2 * view.subject.data.input.vocab) {
    const vocab = view.subject.data.input.vocab;
    return sideBySide(
      [0, vocab].map((firstRow) => ({ data: view.arrays.w0, cols: w0[1], firstRow })),
      p,
      'w0 (one-hot operands)',
    );
  }
  return null;
}

function sideBySide(
  blocks: { data: T.FloatArray; cols: number; firstRow: number }[],
  p: number,
  source: string,
): { matrix: Float64Array; width: number; source: string } {
  const width = blocks.reduce((s, b) => s + b.cols, 0);
  const matrix = new Float64Array(p * width);
  let offset = 0;
  for (const { data, cols, firstRow } of blocks) {
    for (let x = 0; x < p; x++) for (let j = 0; j < cols; j++) matrix[x * width + offset + j] = data[(firstRow + x) * cols + j];
    offset += cols;
  }
  return { matrix, width, source };
}
