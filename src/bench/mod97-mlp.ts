// The benchmark workload of the engine issue: the mod-97 MLP (two 128-d embeddings → 512 ReLU
// → 97 logits), full batch of 4704 pairs, forward + backward + AdamW. The same model, data and
// optimizer are run through PyTorch by torch_mlp.py for the comparison (which computes the first
// layer over the concatenated embeddings, as PyTorch code does).
import { backend } from '../kernels/index.js';
import { foldIn, initialize, key, permutation, type InitSpec } from '../random/index.js';
import * as T from '../tensor/index.js';

export const P = 97;
export const EMBED = 128;
export const HIDDEN = 512;

export interface Mod97Data {
  x: Int32Array;
  y: Int32Array;
  labels: Int32Array;
}

/** The first `count` pairs (x, y) of a seeded permutation of all P² pairs, labelled (x + y) mod P. */
export function mod97Data(count: number, seed = 0): Mod97Data {
  const order = permutation(key(seed), P * P).subarray(0, count);
  const x = order.map((i) => Math.floor(i / P));
  const y = order.map((i) => i % P);
  return { x, y, labels: x.map((xi, i) => (xi + y[i]) % P) };
}

export interface Mod97Mlp {
  params: T.Tensor[];
  logits(data: Mod97Data): T.Tensor;
  loss(data: Mod97Data): T.Tensor;
}

export function mod97Mlp(seed = 0): Mod97Mlp {
  const k = key(seed);
  let index = 0;
  const param = (shape: number[], spec: InitSpec, fanIn: number) =>
    new T.Tensor(initialize(foldIn(k, index++), spec, { shape, fanIn, dtype: 'float32' }), shape, true);
  const linear: InitSpec = { name: 'pytorchDefaultLinear' };
  const ex = param([P, EMBED], { name: 'embeddingDefault' }, P);
  const ey = param([P, EMBED], { name: 'embeddingDefault' }, P);
  const w1 = param([2 * EMBED, HIDDEN], linear, 2 * EMBED);
  const b1 = param([HIDDEN], linear, 2 * EMBED);
  const w2 = param([HIDDEN, P], linear, HIDDEN);
  const b2 = param([P], linear, HIDDEN);
  // The first layer from per-token projections, as groklab's MLP computes it (models/mlp.ts).
  const logits = (d: Mod97Data) => {
    const projections = [T.matmul(ex, T.slice(w1, 0, 0, EMBED)), T.matmul(ey, T.slice(w1, 0, EMBED, 2 * EMBED))];
    return T.linear(T.gatheredLinear(projections, [d.x, d.y], b1, 'relu'), w2, b2);
  };
  return { params: [ex, ey, w1, b1, w2, b2], logits, loss: (d) => T.crossEntropy(logits(d), d.labels) };
}

/** One training step: forward, backward, AdamW (lr 1e-3, weight decay 1, PyTorch defaults otherwise). */
export function trainStep(model: Mod97Mlp, data: Mod97Data, state: { m: Float32Array[]; v: Float32Array[]; step: number }): number {
  return T.tidy(() => {
    const loss = model.loss(data);
    loss.backward();
    state.step++;
    model.params.forEach((p, i) => {
      const update = p.grad!.data;
      backend().adamw(p.data, update, state.m[i], state.v[i], { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1, step: state.step });
      backend().tiled('add', p.data, p.size, update, update.length, p.data);
      p.grad = null;
    });
    return loss.item();
  });
}

export function adamState(model: Mod97Mlp): { m: Float32Array[]; v: Float32Array[]; step: number } {
  return { m: model.params.map((p) => new Float32Array(p.size)), v: model.params.map((p) => new Float32Array(p.size)), step: 0 };
}
