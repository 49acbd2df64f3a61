import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import { allocate } from '../memory.js';
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { assertNoNaN, sameDType } from './check.js';

// NOTE: for v ≪ 0, e^−v overflows to Infinity and 1/(1 + ∞) = 0 is still right: no branch needed.
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * The recurrence of one LSTM layer (Hochreiter & Schmidhuber 1997, PyTorch's gate order i, f,
 * g, o), fused with its backpropagation through time. `projected` [L, N, 4H] holds x_t·W_ih + b
 * for every step, time-major (one tall GEMM by the caller); from a zero state,
 *   z_t = projected_t + h_{t−1}·W_hh,  (i, f, g, o) = (σ, σ, tanh, σ)(z_t),
 *   c_t = f·c_{t−1} + i·g,  h_t = o·tanh(c_t),
 * and the result is every h_t, [L, N, H].
 *
 * NOTE: built from the elementwise ops, each step's slices and W_hh product leave a gradient the
 * size of their input on the tape, so memory and time grow as L² (≈ 3 s and 2 GB per step at
 * L = 100, H = 64). Here the backward keeps the gate activations and cells only, and dW_hh is
 * one GEMM over all steps at the end.
 */
export function lstmRecurrence(projected: Tensor, whh: Tensor): Tensor {
  sameDType('lstmRecurrence', projected, whh);
  if (projected.rank !== 3 || whh.rank !== 2 || whh.shape[1] !== 4 * whh.shape[0] || projected.shape[2] !== whh.shape[1]) {
    throw new TensorError('lstmRecurrence', `needs projected inputs [L, N, 4H] and W_hh [H, 4H], got ${fmtShape(projected.shape)} and ${fmtShape(whh.shape)}`);
  }
  const [L, N] = projected.shape;
  const H = whh.shape[0];
  const G = 4 * H;
  const gemm = backend().gemm;
  // acts: the gate activations of every step; cells: c_t; hs: h_t (the output)
  const acts = allocate(projected.dtype, L * N * G);
  const cells = allocate(projected.dtype, L * N * H);
  const hs = allocate(projected.dtype, L * N * H);
  acts.set(projected.data);
  for (let t = 0; t < L; t++) {
    const gates = acts.subarray(t * N * G, (t + 1) * N * G);
    if (t > 0) gemm({ transA: false, transB: false, m: N, n: G, k: H, a: hs.subarray((t - 1) * N * H, t * N * H), b: whh.data, c: gates, accumulate: true, batch: 1, strideA: 0, strideB: 0, strideC: 0 });
    for (let n = 0; n < N; n++) {
      const z = n * G;
      const at = (t * N + n) * H;
      for (let j = 0; j < H; j++) {
        const i = (gates[z + j] = sigmoid(gates[z + j]));
        const f = (gates[z + H + j] = sigmoid(gates[z + H + j]));
        const g = (gates[z + 2 * H + j] = Math.tanh(gates[z + 2 * H + j]));
        const o = (gates[z + 3 * H + j] = sigmoid(gates[z + 3 * H + j]));
        const c = (cells[at + j] = (t > 0 ? f * cells[at - N * H + j] : 0) + i * g);
        hs[at + j] = o * Math.tanh(c);
      }
    }
  }
  const out = new Tensor(hs, [L, N, H]);
  assertNoNaN('lstmRecurrence', out, [projected, whh]);
  return record(out, 'lstmRecurrence', [projected, whh], (grad) => {
    const dOut = grad.data;
    const dz = allocate(projected.dtype, L * N * G);
    // dh: ∂/∂h_t flowing back through W_hh from step t + 1; dc: ∂/∂c_t through the forget gate
    const dh = allocate(projected.dtype, N * H);
    const dc = allocate(projected.dtype, N * H);
    for (let t = L - 1; t >= 0; t--) {
      const gates = acts.subarray(t * N * G, (t + 1) * N * G);
      const dGates = dz.subarray(t * N * G, (t + 1) * N * G);
      for (let n = 0; n < N; n++) {
        const z = n * G;
        const at = (t * N + n) * H;
        for (let j = 0; j < H; j++) {
          const i = gates[z + j];
          const f = gates[z + H + j];
          const g = gates[z + 2 * H + j];
          const o = gates[z + 3 * H + j];
          const tc = Math.tanh(cells[at + j]);
          const dht = dOut[at + j] + dh[n * H + j];
          const dct = dc[n * H + j] + dht * o * (1 - tc * tc);
          dGates[z + j] = dct * g * i * (1 - i);
          dGates[z + H + j] = t > 0 ? dct * cells[at - N * H + j] * f * (1 - f) : 0;
          dGates[z + 2 * H + j] = dct * i * (1 - g * g);
          dGates[z + 3 * H + j] = dht * tc * o * (1 - o);
          dc[n * H + j] = dct * f;
        }
      }
      if (t > 0) gemm({ transA: false, transB: true, m: N, n: H, k: G, a: dGates, b: whh.data, c: dh, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 });
    }
    let dW: Tensor | null = null;
    if (whh.requiresGrad) {
      const d = allocate(whh.dtype, H * G);
      // dW_hh = Σ_t h_{t−1}ᵀ · dz_t: one GEMM over the (L − 1)·N rows of all steps (h_{−1} = 0).
      if (L > 1) gemm({ transA: true, transB: false, m: H, n: G, k: (L - 1) * N, a: hs.subarray(0, (L - 1) * N * H), b: dz.subarray(N * G), c: d, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 });
      dW = new Tensor(d, whh.shape);
    }
    return [new Tensor(dz, projected.shape), dW];
  });
}
