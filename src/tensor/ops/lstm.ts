import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import { allocate, allocateUninit } from '../memory.js';
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { assertNoNaN, sameDType } from './check.js';

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
 * L = 100, H = 64). Here the time loops run in the backend (Backend.lstmForward, lstmBackward),
 * the backward keeps the gate activations and cells only, and dW_hh is one GEMM over all steps
 * at the end.
 */
export function lstmRecurrence(projected: Tensor, whh: Tensor): Tensor {
  sameDType('lstmRecurrence', projected, whh);
  if (projected.rank !== 3 || whh.rank !== 2 || whh.shape[1] !== 4 * whh.shape[0] || projected.shape[2] !== whh.shape[1]) {
    throw new TensorError('lstmRecurrence', `needs projected inputs [L, N, 4H] and W_hh [H, 4H], got ${fmtShape(projected.shape)} and ${fmtShape(whh.shape)}`);
  }
  const [L, N] = projected.shape;
  const H = whh.shape[0];
  const G = 4 * H;
  // acts: the gate activations of every step; cells: c_t; hs: h_t (the output). lstmForward
  // writes every element of all three, lstmBackward every element of dz.
  const acts = allocateUninit(projected.dtype, L * N * G);
  const cells = allocateUninit(projected.dtype, L * N * H);
  const hs = allocateUninit(projected.dtype, L * N * H);
  acts.set(projected.data);
  const { gemm, lstmForward, lstmBackward } = backend();
  lstmForward(acts, whh.data, L, N, H, cells, hs);
  const out = new Tensor(hs, [L, N, H]);
  assertNoNaN('lstmRecurrence', out, [projected, whh]);
  return record(out, 'lstmRecurrence', [projected, whh], (grad) => {
    const dz = allocateUninit(projected.dtype, L * N * G);
    lstmBackward(acts, cells, whh.data, grad.data, L, N, H, dz);
    let dW: Tensor | null = null;
    if (whh.requiresGrad) {
      const d = allocate(whh.dtype, H * G);
      // dW_hh = Σ_t h_{t−1}ᵀ · dz_t: one GEMM over the (L − 1)·N rows of all steps (h_{−1} = 0).
      if (L > 1)
        gemm({
          transA: true,
          transB: false,
          m: H,
          n: G,
          k: (L - 1) * N,
          a: hs.subarray(0, (L - 1) * N * H),
          b: dz.subarray(N * G),
          c: d,
          accumulate: false,
          batch: 1,
          strideA: 0,
          strideB: 0,
          strideC: 0,
        });
      dW = new Tensor(d, whh.shape);
    }
    return [new Tensor(dz, projected.shape), dW];
  });
}
