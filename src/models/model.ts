// What every model provides: named parameter shapes, a seeded initializer and a pure forward.
import type { Key } from '../random/index.js';
import type { Examples, InputSpec } from '../tasks/dataset.js';
import type { DType, Tensor } from '../tensor/index.js';

export type Params = Record<string, Tensor>;

export interface Model {
  /** parameter shapes by name, in a fixed order (checkpoints and norms follow it) */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** the default initialization of the model's source paper, before any init scale */
  init(key: Key, dtype: DType): Params;
  /** outputs [count, outputs]: logits or predictions */
  apply(params: Params, batch: Examples): Tensor;
  /**
   * The forward of an ensemble, where the model has one: every parameter stacked along a leading
   * member axis ([E, ...shape]), one batch shared by all members (`batches` of length 1) or one
   * batch each (of equal size); outputs [E, count, outputs]. Member e's outputs, and the
   * gradients that flow back to its parameters, are apply's on its parameters alone, bit for bit.
   */
  applyMembers?(params: Params, batches: readonly Examples[]): Tensor;
}

/** What a task tells a model about its inputs and outputs. */
export interface ModelContext {
  input: InputSpec;
  /** logits or predictions per example */
  outputs: number;
}

/** The token layout a token-only model needs, or a clear error for a dense-feature task. */
export function tokenInput(ctx: ModelContext, model: string): { vocab: number; sequenceLength: number } {
  if (ctx.input.kind !== 'tokens')
    throw new Error(
      `model ${model} reads token sequences; this task gives ${ctx.input.kind === 'graphs' ? 'graphs (use model "mpnn")' : 'dense features (use model "mlp")'}`,
    );
  return ctx.input;
}

/**
 * Omnigrok's init scale (Liu, Michaud & Tegmark 2023): build with the default initialization,
 * then multiply every parameter (weights, biases, embeddings) by α.
 */
export function initParams(model: Model, key: Key, dtype: DType, initScale: number): Params {
  const params = model.init(key, dtype);
  if (initScale !== 1) for (const p of Object.values(params)) for (let i = 0; i < p.size; i++) p.data[i] *= initScale;
  for (const p of Object.values(params)) p.requiresGrad = true;
  return params;
}
