// What a supervised task hands to a network: examples (token rows or dense features, with class
// labels or regression targets), the input kind a model must accept, and the training objective.
// Modular arithmetic, MNIST, the teacher–student toy and concealment all fit this one shape.

/**
 * One molecule-like graph (input kind "graphs"): node features and directed edges, each bond
 * listed in both directions as PyTorch Geometric stores them.
 */
export interface Graph {
  nodes: number;
  /** [nodes, nodeFeatures] row-major */
  nodeFeatures: Float64Array;
  /** the node each edge leaves (its message's source) … */
  edgeSource: Int32Array;
  /** … and the node it enters (where the message is aggregated) */
  edgeTarget: Int32Array;
  /** [edges, edgeFeatures] row-major */
  edgeFeatures: Float64Array;
}

/** A set of examples; which fields are present depends on the task's input kind and objective. */
export interface Examples {
  count: number;
  /** one graph per example (input kind "graphs") */
  graphs?: readonly Graph[];
  /** [count, sequenceLength] token ids (input kind "tokens") */
  tokens?: Int32Array;
  /** [count, features] row-major (input kind "features"); cast to the run's dtype by the model */
  features?: Float64Array;
  /** the class of each example (cross-entropy, MSE against one-hot, bce) */
  labels?: Int32Array;
  /** [count, outputs] row-major regression targets (objective "mse") */
  targets?: Float64Array;
}

export type InputSpec =
  | { kind: 'tokens'; vocab: number; sequenceLength: number }
  | { kind: 'features'; features: number }
  | { kind: 'graphs'; nodeFeatures: number; edgeFeatures: number };

/**
 * The training loss and what "accuracy" means:
 * - cross-entropy: softmax CE on labels, accuracy = argmax;
 * - mse-onehot: mean squared error against one-hot labels (Omnigrok's MNIST), accuracy = argmax;
 * - mse: mean squared error against `targets`, accuracy = fraction of examples whose own MSE is
 *   below `accuracyThreshold` (Omnigrok's teacher–student); `zeroBaseline`: predicting 0 is what a
 *   network that learned nothing does (small-init students of a zero-mean teacher), so detection's
 *   plateau reading may measure errors against it; false where targets sit far from 0 (QM9);
 * - bce: sigmoid + binary cross-entropy of one logit per example against labels 0/1 (Omnigrok's
 *   IMDb), accuracy = (logit > 0) == label.
 */
export type Objective =
  | { name: 'cross-entropy' }
  | { name: 'mse-onehot' }
  | { name: 'mse'; accuracyThreshold: number; zeroBaseline: boolean }
  | { name: 'bce' };

export interface Dataset {
  train: Examples;
  test: Examples;
  input: InputSpec;
  /** logits / predictions per example */
  outputs: number;
  objective: Objective;
}

/**
 * A problem with a data file the user supplies (missing, unreadable, malformed): bad input, so
 * the CLI reports it with exit code 2 (setupRun turns it into a UsageError), not a failed run.
 */
export class DataFileError extends Error {
  override name = 'DataFileError';
}

/** The examples at `rows`, in that order (a minibatch). */
export function selectRows(examples: Examples, rows: ArrayLike<number>): Examples {
  const count = rows.length;
  const pick = <A extends Int32Array | Float64Array>(source: A | undefined, make: (n: number) => A): A | undefined => {
    if (!source) return undefined;
    const width = source.length / examples.count;
    const out = make(count * width);
    for (let i = 0; i < count; i++) out.set(source.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
    return out;
  };
  const out: Examples = { count };
  const tokens = pick(examples.tokens, (n) => new Int32Array(n));
  const features = pick(examples.features, (n) => new Float64Array(n));
  const labels = pick(examples.labels, (n) => new Int32Array(n));
  const targets = pick(examples.targets, (n) => new Float64Array(n));
  if (tokens) out.tokens = tokens;
  if (features) out.features = features;
  if (labels) out.labels = labels;
  if (targets) out.targets = targets;
  if (examples.graphs) out.graphs = Array.from(rows, (r) => examples.graphs![r]);
  return out;
}

/** A field a task must provide, or a clear error naming it. */
export function required<K extends keyof Examples>(examples: Examples, field: K, who: string): NonNullable<Examples[K]> {
  const value = examples[field];
  if (value === undefined) throw new Error(`${who}: the examples have no ${field}`);
  return value as NonNullable<Examples[K]>;
}
