// A stacked LSTM classifier (Hochreiter & Schmidhuber 1997), the IMDb model of Omnigrok (Liu,
// Michaud & Tegmark 2023, Fig. 4): Embedding(V, E) → LSTM(H) × layers → Linear(H, outputs) on the
// final hidden state. PyTorch's nn.LSTM: gates in the order input, forget, cell, output, two bias
// vectors, every weight and bias U(−1/√H, 1/√H), zero initial state; the embedding N(0, 1) and
// the read-out nn.Linear's default init.
import { z } from 'zod';
import { foldIn, initialize, type Key } from '../random/index.js';
import { required, selectRows, type Examples } from '../tasks/dataset.js';
import * as T from '../tensor/index.js';
import { tokenInput, type Model, type ModelContext, type Params } from './model.js';

export const lstmSchema = z
  .object({
    name: z.literal('lstm'),
    embedDim: z.number().int().min(1).describe('embedding width (Omnigrok IMDb: 64)'),
    hidden: z.number().int().min(1).describe('hidden units per LSTM layer (Omnigrok IMDb: 256)'),
    layers: z.number().int().min(1).max(4).describe('stacked LSTM layers (Omnigrok IMDb: 2)'),
    initScale: z.number().positive().describe('Omnigrok α: every parameter is multiplied by it after the default init'),
  })
  .strict();
export type LstmConfig = z.infer<typeof lstmSchema>;

/** rows per forward pass when evaluating (the training minibatch of the paper) */
const EVAL_CHUNK = 50;

/** Token ids reordered time-major, [L, N]: each time step's batch is then one contiguous block. */
function timeMajor(tokens: Int32Array, count: number, length: number): Int32Array {
  const out = new Int32Array(count * length);
  for (let n = 0; n < count; n++) for (let t = 0; t < length; t++) out[t * count + n] = tokens[n * length + t];
  return out;
}

export function lstm(config: LstmConfig, ctx: ModelContext): Model {
  const { embedDim: E, hidden: H, layers } = config;
  const { vocab, sequenceLength: L } = tokenInput(ctx, 'lstm');
  const shapes: Record<string, number[]> = { embed: [vocab, E] };
  for (let l = 0; l < layers; l++) {
    Object.assign(shapes, { [`l${l}.wih`]: [l === 0 ? E : H, 4 * H], [`l${l}.whh`]: [H, 4 * H], [`l${l}.bih`]: [4 * H], [`l${l}.bhh`]: [4 * H] });
  }
  Object.assign(shapes, { 'out.w': [H, ctx.outputs], 'out.b': [ctx.outputs] });

  function init(key: Key, dtype: T.DType): Params {
    const params: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const spec = name === 'embed' ? ({ name: 'embeddingDefault' } as const) : ({ name: 'pytorchDefaultLinear' } as const);
      // pytorchDefaultLinear is U(±1/√fanIn): fanIn H gives nn.LSTM's bound for every LSTM tensor and nn.Linear's for the read-out.
      params[name] = new T.Tensor(initialize(foldIn(key, i), spec, { shape, dtype, fanIn: H }), shape);
    });
    return params;
  }

  function forward(params: Params, batch: Examples): T.Tensor {
    const n = batch.count;
    let x = T.embedding(params.embed, timeMajor(required(batch, 'tokens', 'lstm'), n, L), [L * n]);
    for (let l = 0; l < layers; l++) {
      const p = (name: string) => params[`l${l}.${name}`];
      // The input projection of all steps is one tall GEMM; only h·W_hh is sequential.
      const projected = T.linear(x, p('wih'), T.add(p('bih'), p('bhh')));
      x = T.reshape(T.lstmRecurrence(T.reshape(projected, [L, n, 4 * H]), p('whh')), [L * n, H]);
    }
    // Left-padded reviews end at the last position: its hidden state has read the whole review.
    return T.linear(T.slice(x, 0, (L - 1) * n, L * n), params['out.w'], params['out.b']);
  }

  /**
   * Without a tape (evaluation), rows go through in chunks: the activations of a whole split
   * (L·N·5H per layer, ≈ 11 GB for IMDb's 750 × 500 × 256) would not fit, those of a chunk do.
   */
  function apply(params: Params, batch: Examples): T.Tensor {
    if (T.isRecording() || batch.count <= EVAL_CHUNK) return forward(params, batch);
    const parts: T.Tensor[] = [];
    for (let start = 0; start < batch.count; start += EVAL_CHUNK) {
      const rows = Array.from({ length: Math.min(EVAL_CHUNK, batch.count - start) }, (_, k) => start + k);
      parts.push(T.tidy(() => forward(params, selectRows(batch, rows))));
    }
    return T.concat(parts, 0);
  }

  return { shapes, init, apply };
}
