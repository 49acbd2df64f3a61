// A multi-layer perceptron on the two operands of a binary operation: each operand is a learned
// embedding (one table shared by both positions) or a one-hot vector, concatenated, then dense
// layers. PyTorch's default initializations, as in the cheap CPU grokking recipes.
import { z } from 'zod';
import { foldIn, initialize, type Key } from '../random/index.js';
import type { TokenBatch } from '../tasks/modular.js';
import * as T from '../tensor/index.js';
import type { Model, ModelContext, Params } from './model.js';

export const ACTIVATIONS = {
  relu: T.relu,
  tanh: T.tanh,
  sigmoid: T.sigmoid,
  leakyRelu: (x: T.Tensor) => T.leakyRelu(x, 0.01),
} as const;
type ActivationName = keyof typeof ACTIVATIONS;

export const mlpSchema = z
  .object({
    name: z.literal('mlp'),
    input: z.enum(['embedding', 'onehot']).describe('learned embedding of each operand, or its one-hot vector'),
    embedDim: z.number().int().min(1).describe('embedding width per operand (input "embedding" only)'),
    hidden: z.array(z.number().int().min(1)).describe('widths of the hidden layers, e.g. [512]'),
    activation: z.enum(Object.keys(ACTIVATIONS) as [ActivationName, ...ActivationName[]]).describe('hidden-layer nonlinearity'),
    bias: z.boolean().describe('biases in the dense layers'),
    initScale: z.number().positive().describe('Omnigrok α: every parameter is multiplied by it after the default init'),
  })
  .strict();
export type MlpConfig = z.infer<typeof mlpSchema>;

/** Token ids of the first `operands` positions of each row. */
function operandColumn(batch: TokenBatch, position: number, rowLength: number): Int32Array {
  const out = new Int32Array(batch.count);
  for (let i = 0; i < batch.count; i++) out[i] = batch.tokens[i * rowLength + position];
  return out;
}

export function mlp(config: MlpConfig, ctx: ModelContext): Model {
  const operands = ctx.sequenceLength - 1; // the last token is "="
  const inputWidth = operands * (config.input === 'embedding' ? config.embedDim : ctx.vocab);
  const widths = [inputWidth, ...config.hidden, ctx.classes];
  const shapes: Record<string, number[]> = {};
  if (config.input === 'embedding') shapes.embed = [ctx.vocab, config.embedDim];
  for (let l = 0; l + 1 < widths.length; l++) {
    shapes[`w${l}`] = [widths[l], widths[l + 1]];
    if (config.bias) shapes[`b${l}`] = [widths[l + 1]];
  }

  function init(key: Key, dtype: T.DType): Params {
    const params: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const layer = name === 'embed' ? -1 : Number(name.slice(1));
      const spec = name === 'embed' ? ({ name: 'embeddingDefault' } as const) : ({ name: 'pytorchDefaultLinear' } as const);
      const data = initialize(foldIn(key, i), spec, { shape, dtype, fanIn: layer >= 0 ? widths[layer] : shape[0] });
      params[name] = new T.Tensor(data, shape);
    });
    return params;
  }

  function apply(params: Params, batch: TokenBatch): T.Tensor {
    const columns = Array.from({ length: operands }, (_, k) => operandColumn(batch, k, ctx.sequenceLength));
    const dtype = params.w0.dtype;
    let h = T.concat(columns.map((c) => (config.input === 'embedding' ? T.embedding(params.embed, c) : T.oneHot(c, ctx.vocab, dtype))), 1);
    const layers = widths.length - 1;
    for (let l = 0; l < layers; l++) {
      const last = l === layers - 1;
      const b = config.bias ? params[`b${l}`] : null;
      // ReLU fuses into the dense layer's kernel; other nonlinearities follow it.
      if (!last && config.activation === 'relu') h = T.linear(h, params[`w${l}`], b, 'relu');
      else {
        h = T.linear(h, params[`w${l}`], b);
        if (!last) h = ACTIVATIONS[config.activation](h);
      }
    }
    return h;
  }

  return { shapes, init, apply };
}
