// A multi-layer perceptron. On token tasks (the operands of a binary operation) each operand is a
// learned embedding (one table shared by both positions) or a one-hot vector, concatenated; on
// dense-feature tasks (MNIST, teacher–student) the features go straight into the first layer.
// PyTorch's default initializations, as in the cheap CPU grokking recipes; Xavier-uniform
// weights and no output bias on request (Miller et al. 2024's concealment MLP).
import { z } from 'zod';
import { foldIn, initialize, type InitSpec, type Key } from '../random/index.js';
import { required, type Examples } from '../tasks/dataset.js';
import * as T from '../tensor/index.js';
import type { Activation } from '../kernels/backend.js';
import type { Model, ModelContext, Params } from './model.js';

/** PyTorch's LeakyReLU default negative slope. */
const DEFAULT_LEAKY_SLOPE = 0.01;

const ACTIVATIONS = {
  relu: T.relu,
  tanh: T.tanh,
  sigmoid: T.sigmoid,
  leakyRelu: (x: T.Tensor) => T.leakyRelu(x, DEFAULT_LEAKY_SLOPE),
} as const;
type ActivationName = keyof typeof ACTIVATIONS;

export const mlpSchema = z
  .object({
    name: z.literal('mlp'),
    input: z.enum(['embedding', 'onehot']).describe('token tasks: learned embedding of each operand, or its one-hot vector (ignored for dense features)'),
    embedDim: z.number().int().min(1).describe('embedding width per operand (token tasks with input "embedding" only)'),
    hidden: z.array(z.number().int().min(1)).describe('widths of the hidden layers, e.g. [512]'),
    activation: z.enum(Object.keys(ACTIVATIONS) as [ActivationName, ...ActivationName[]]).describe('hidden-layer nonlinearity'),
    leakySlope: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(`negative slope of activation leakyRelu (default ${DEFAULT_LEAKY_SLOPE}, PyTorch's; Omnigrok's representation toy: 0.2)`),
    bias: z.boolean().describe('biases in the dense layers'),
    outputBias: z
      .boolean()
      .optional()
      .describe("a bias in the output layer (default: as `bias`); false with bias true is PyTorch's Linear(…, bias=False) read-out"),
    weightInit: z
      .enum(['pytorchDefaultLinear', 'xavierUniform', 'normalFanOut'])
      .optional()
      .describe(
        "initializer of the dense weights (default pytorchDefaultLinear; normalFanOut = N(0, 1/fan_out), Tikeng et al.'s type_init='normal'); biases and embeddings keep PyTorch's defaults",
      ),
    initScale: z.number().positive().describe('Omnigrok α: every parameter is multiplied by it after the default init'),
  })
  .strict()
  .refine((c) => c.leakySlope === undefined || c.activation === 'leakyRelu', {
    path: ['leakySlope'],
    message: `only applies to activation "leakyRelu"`,
  });
export type MlpConfig = z.infer<typeof mlpSchema>;

/** The hidden-layer nonlinearity a config asks for, its leaky slope included. */
export function activationOf(config: Pick<MlpConfig, 'activation' | 'leakySlope'>): (x: T.Tensor) => T.Tensor {
  if (config.activation === 'leakyRelu') return (x) => T.leakyRelu(x, config.leakySlope ?? DEFAULT_LEAKY_SLOPE);
  return ACTIVATIONS[config.activation];
}

/** The arrays one after another. */
function concatenated(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  arrays.forEach((a, i) => out.set(a, i * a.length));
  return out;
}

/** Token ids at `position` of each row. */
function operandColumn(tokens: Int32Array, count: number, position: number, rowLength: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = tokens[i * rowLength + position];
  return out;
}

export function mlp(config: MlpConfig, ctx: ModelContext): Model {
  if (ctx.input.kind === 'graphs') throw new Error('model mlp reads tokens or dense features; this task gives graphs (use model "mpnn")');
  const input = ctx.input;
  const embedded = input.kind === 'tokens' && config.input === 'embedding';
  const [vocab, rowLength] = input.kind === 'tokens' ? [input.vocab, input.sequenceLength] : [0, 0];
  const operands = input.kind === 'tokens' ? input.sequenceLength - 1 : 0; // the last token is "="
  const inputWidth = input.kind === 'features' ? input.features : operands * (embedded ? config.embedDim : input.vocab);
  const widths = [inputWidth, ...config.hidden, ctx.outputs];
  const layers = widths.length - 1;
  const activation = activationOf(config);
  const hasBias = (l: number) => (l === layers - 1 ? (config.outputBias ?? config.bias) : config.bias);
  const shapes: Record<string, number[]> = {};
  if (embedded) shapes.embed = [input.vocab, config.embedDim];
  for (let l = 0; l < layers; l++) {
    shapes[`w${l}`] = [widths[l], widths[l + 1]];
    if (hasBias(l)) shapes[`b${l}`] = [widths[l + 1]];
  }
  // Tikeng et al.'s 'normal' init draws std 1/√(torch weight.shape[0]) = 1/√fan_out.
  const weightInit = (l: number): InitSpec =>
    config.weightInit === 'normalFanOut' ? { name: 'normal', std: 1 / Math.sqrt(widths[l + 1]) } : { name: config.weightInit ?? 'pytorchDefaultLinear' };

  function init(key: Key, dtype: T.DType): Params {
    const params: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const layer = name === 'embed' ? -1 : Number(name.slice(1));
      const spec =
        name === 'embed' ? ({ name: 'embeddingDefault' } as const) : name.startsWith('w') ? weightInit(layer) : ({ name: 'pytorchDefaultLinear' } as const);
      const data = initialize(foldIn(key, i), spec, { shape, dtype, fanIn: layer >= 0 ? widths[layer] : shape[0] });
      params[name] = new T.Tensor(data, shape);
    });
    return params;
  }

  /**
   * The first dense layer on token rows. Each operand's embedding (or one-hot vector) meets its
   * own rows W_j of the weight, so the layer is computed from the projections E · W_j (or W_j
   * itself), one row per token of the vocabulary, gathered and summed per example: the same
   * function as the layer over the concatenated inputs, with GEMMs of vocab rows, not batch rows.
   * With a member axis (`members`), the weights are [E, ...] and each batch is a member's.
   */
  function tokenLayer(params: Params, batches: readonly Examples[], bias: T.Tensor | null, activation: Activation, members: boolean): T.Tensor {
    const width = embedded ? config.embedDim : vocab;
    const axis = members ? 1 : 0;
    const projections = Array.from({ length: operands }, (_, j) => {
      const rows = T.slice(params.w0, axis, j * width, (j + 1) * width);
      return embedded ? T.matmul(params.embed, rows) : rows;
    });
    const columns = Array.from({ length: operands }, (_, j) => {
      const perBatch = batches.map((batch) => operandColumn(required(batch, 'tokens', 'mlp'), batch.count, j, rowLength));
      return perBatch.length === 1 ? perBatch[0] : perBatch;
    });
    return T.gatheredLinear(projections, columns, bias, activation);
  }

  /** The layers on a batch (or, with `members`, the members' batches), as apply and applyMembers share them. */
  function forward(params: Params, batches: readonly Examples[], members: boolean): T.Tensor {
    const dtype = params.w0.dtype;
    let h: T.Tensor | null = null;
    if (input.kind === 'features') {
      const count = batches[0].count;
      const features = batches.map((b) => required(b, 'features', 'mlp'));
      h =
        features.length === 1
          ? T.tensor(features[0], [count, input.features], { dtype })
          : T.tensor(concatenated(features), [features.length, count, input.features], { dtype });
    }
    for (let l = 0; l < layers; l++) {
      const last = l === layers - 1;
      const b = hasBias(l) ? params[`b${l}`] : null;
      // ReLU fuses into the dense layer's kernel; other nonlinearities follow it.
      const fused: Activation = !last && config.activation === 'relu' ? 'relu' : 'none';
      h = h === null ? tokenLayer(params, batches, b, fused, members) : T.linear(h, params[`w${l}`], b, fused);
      if (!last && fused === 'none') h = activation(h);
    }
    return h!;
  }

  const apply = (params: Params, batch: Examples): T.Tensor => forward(params, [batch], false);
  const applyMembers = (params: Params, batches: readonly Examples[]): T.Tensor => forward(params, batches, true);

  return { shapes, init, apply, applyMembers };
}
