// The modular-arithmetic network of Tikeng Notsawo, Dumas & Rabusseau 2025 ("Grokking beyond
// the Euclidean norm of model parameters", arXiv 2506.05718, §4; §6 of src/papers/tikeng/README.md): each
// operand is embedded (d = k² values), reshaped to a k×k matrix, the two matrices are multiplied
// (E_x · E_y, flattened back to d), then dense ReLU layers read the product out.
//
// Their code (Encoder_Decoder, aggregation "matrix_product") uses one bias-free embedding per
// operand and bias-free dense layers; the paper describes one shared embedding with biases.
// `sharedEmbedding` and `bias` choose; both false (the code's version) is the default of the
// presets.
import { z } from 'zod';
import { foldIn, initialize, type InitSpec, type Key } from '../random/index.js';
import { required, type Examples } from '../tasks/dataset.js';
import * as T from '../tensor/index.js';
import { tokenInput, type Model, type ModelContext, type Params } from './model.js';

export const matrixProductMlpSchema = z
  .object({
    name: z.literal('matrix-product-mlp'),
    embedDim: z
      .number()
      .int()
      .min(1)
      .refine((d) => Number.isInteger(Math.sqrt(d)), { message: 'must be a perfect square (the embedding is reshaped to a √d×√d matrix)' })
      .describe('embedding width d per operand, a perfect square (64 = 8×8 in the paper)'),
    hidden: z.array(z.number().int().min(1)).describe('widths of the ReLU layers after the product, e.g. [64]'),
    sharedEmbedding: z.boolean().describe("one embedding for both operands (the paper's text) or one per operand (their code)"),
    bias: z.boolean().describe("biases in the embedding and the dense layers (the paper's text) or none (their code)"),
    initScale: z.number().positive().describe('every parameter is multiplied by it after the default init'),
  })
  .strict()
  .describe(
    'Tikeng Notsawo et al. 2025: embeddings of the two operands as √d×√d matrices, multiplied, then ReLU layers. ' +
      "Their code's version: two bias-free embeddings and bias-free layers (sharedEmbedding false, bias false); the paper's text: one shared embedding with biases.",
  );
export type MatrixProductMlpConfig = z.infer<typeof matrixProductMlpSchema>;

export function matrixProductMlp(config: MatrixProductMlpConfig, ctx: ModelContext): Model {
  const { vocab, sequenceLength } = tokenInput(ctx, 'matrix-product-mlp');
  if (sequenceLength !== 3) throw new Error(`model matrix-product-mlp reads rows (x, y, =) of two operands; this task's rows have ${sequenceLength} tokens`);
  // The last token id is "=", which is never an operand: the embeddings are numbers × d (p × 64).
  const numbers = vocab - 1;
  const d = config.embedDim;
  const k = Math.round(Math.sqrt(d));
  const widths = [d, ...config.hidden, ctx.outputs];
  const tables = config.sharedEmbedding ? ['embed'] : ['embedX', 'embedY'];

  const shapes: Record<string, number[]> = {};
  // NOTE: a table [numbers, d] is the transpose of torch's Linear(p, d).weight: same norms,
  // same singular values, so the penalties and the metrics agree with their code.
  for (const t of tables) {
    shapes[t] = [numbers, d];
    if (config.bias) shapes[`${t}Bias`] = [d];
  }
  for (let l = 0; l + 1 < widths.length; l++) {
    shapes[`w${l}`] = [widths[l], widths[l + 1]];
    if (config.bias) shapes[`b${l}`] = [widths[l + 1]];
  }

  /**
   * Their code's init: the embeddings keep torch's default Linear(p, d) init, U(±1/√p) for
   * weights and bias; each dense weight [in, out] is N(0, 1/out) (std 1/√(out features), their
   * `type_init='normal'`), its bias 0.
   */
  function spec(name: string, shape: readonly number[]): { spec: InitSpec; fanIn: number } {
    if (name.startsWith('embed')) return { spec: { name: 'pytorchDefaultLinear' }, fanIn: numbers };
    if (name.startsWith('b')) return { spec: { name: 'constant', value: 0 }, fanIn: 1 };
    return { spec: { name: 'normal', std: 1 / Math.sqrt(shape[1]) }, fanIn: shape[0] };
  }

  function init(key: Key, dtype: T.DType): Params {
    const params: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const { spec: s, fanIn } = spec(name, shape);
      params[name] = new T.Tensor(initialize(foldIn(key, i), s, { shape, dtype, fanIn }), shape);
    });
    return params;
  }

  function operand(params: Params, tokens: Int32Array, count: number, position: number): T.Tensor {
    const ids = new Int32Array(count);
    for (let i = 0; i < count; i++) ids[i] = tokens[i * sequenceLength + position];
    const table = tables[config.sharedEmbedding ? 0 : position];
    const e = T.embedding(params[table], ids);
    // [count, d] → [count, k, k], row-major as torch's reshape(-1, k, k)
    return T.reshape(config.bias ? T.add(e, params[`${table}Bias`]) : e, [count, k, k]);
  }

  function apply(params: Params, batch: Examples): T.Tensor {
    const tokens = required(batch, 'tokens', 'matrix-product-mlp');
    const { count } = batch;
    // [count, k, k] · [count, k, k]: one k×k product per example, flattened back to d
    let h = T.reshape(T.matmul(operand(params, tokens, count, 0), operand(params, tokens, count, 1)), [count, d]);
    const layers = widths.length - 1;
    for (let l = 0; l < layers; l++) {
      const b = config.bias ? params[`b${l}`] : null;
      h = T.linear(h, params[`w${l}`], b, l < layers - 1 ? 'relu' : 'none');
    }
    return h;
  }

  return { shapes, init, apply };
}
