// The recurrence of an LSTM layer and its backward (Backend.lstmForward, lstmBackward): per time
// step one GEMM against W_hh and the elementwise cell. The reference the native kernels are
// checked against; wasm runs the same loops over its own GEMM.
import type { FloatArray, GemmArgs } from '../backend.js';

// NOTE: for v ≪ 0, e^−v overflows to Infinity and 1/(1 + ∞) = 0 is still right: no branch needed.
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function lstmCell(gates: FloatArray, cPrev: FloatArray | null, rows: number, hidden: number, c: FloatArray, h: FloatArray): void {
  const H = hidden;
  for (let n = 0; n < rows; n++) {
    const z = n * 4 * H;
    const at = n * H;
    for (let j = 0; j < H; j++) {
      const i = (gates[z + j] = sigmoid(gates[z + j]));
      const f = (gates[z + H + j] = sigmoid(gates[z + H + j]));
      const g = (gates[z + 2 * H + j] = Math.tanh(gates[z + 2 * H + j]));
      const o = (gates[z + 3 * H + j] = sigmoid(gates[z + 3 * H + j]));
      const ct = (c[at + j] = (cPrev ? f * cPrev[at + j] : 0) + i * g);
      h[at + j] = o * Math.tanh(ct);
    }
  }
}

function lstmCellBackward(
  gates: FloatArray,
  cPrev: FloatArray | null,
  c: FloatArray,
  dOut: FloatArray,
  dhNext: FloatArray,
  rows: number,
  hidden: number,
  dc: FloatArray,
  dGates: FloatArray,
): void {
  const H = hidden;
  for (let n = 0; n < rows; n++) {
    const z = n * 4 * H;
    const at = n * H;
    for (let j = 0; j < H; j++) {
      const i = gates[z + j];
      const f = gates[z + H + j];
      const g = gates[z + 2 * H + j];
      const o = gates[z + 3 * H + j];
      const tc = Math.tanh(c[at + j]);
      const dht = dOut[at + j] + dhNext[at + j];
      const dct = dc[at + j] + dht * o * (1 - tc * tc);
      dGates[z + j] = dct * g * i * (1 - i);
      dGates[z + H + j] = cPrev ? dct * cPrev[at + j] * f * (1 - f) : 0;
      dGates[z + 2 * H + j] = dct * i * (1 - g * g);
      dGates[z + 3 * H + j] = dht * tc * o * (1 - o);
      dc[at + j] = dct * f;
    }
  }
}

type Gemm = (args: GemmArgs) => void;

/** The product of one step: c (+)= a · op(b), a [m, k]. */
function stepProduct(gemm: Gemm, m: number, n: number, k: number, a: FloatArray, b: FloatArray, transB: boolean, c: FloatArray, accumulate: boolean): void {
  gemm({ transA: false, transB, m, n, k, a, b, c, accumulate, batch: 1, strideA: 0, strideB: 0, strideC: 0 });
}

/** Backend.lstmForward over the given GEMM. */
export function lstmForwardVia(gemm: Gemm) {
  return (acts: FloatArray, whh: FloatArray, steps: number, rows: number, hidden: number, cells: FloatArray, hs: FloatArray): void => {
    const [N, H, G] = [rows, hidden, 4 * hidden];
    for (let t = 0; t < steps; t++) {
      const gates = acts.subarray(t * N * G, (t + 1) * N * G);
      if (t > 0) stepProduct(gemm, N, G, H, hs.subarray((t - 1) * N * H, t * N * H), whh, false, gates, true);
      lstmCell(
        gates,
        t > 0 ? cells.subarray((t - 1) * N * H, t * N * H) : null,
        N,
        H,
        cells.subarray(t * N * H, (t + 1) * N * H),
        hs.subarray(t * N * H, (t + 1) * N * H),
      );
    }
  };
}

/** Backend.lstmBackward over the given GEMM. */
export function lstmBackwardVia(gemm: Gemm) {
  return (acts: FloatArray, cells: FloatArray, whh: FloatArray, dOut: FloatArray, steps: number, rows: number, hidden: number, dGates: FloatArray): void => {
    const [N, H, G] = [rows, hidden, 4 * hidden];
    const scratch = () => (acts instanceof Float32Array ? new Float32Array(N * H) : new Float64Array(N * H));
    // dh: the gradient reaching h_t back through W_hh from step t + 1; dc: the one reaching c_t through the forget gate.
    const dh = scratch();
    const dc = scratch();
    for (let t = steps - 1; t >= 0; t--) {
      const dz = dGates.subarray(t * N * G, (t + 1) * N * G);
      const cPrev = t > 0 ? cells.subarray((t - 1) * N * H, t * N * H) : null;
      lstmCellBackward(
        acts.subarray(t * N * G, (t + 1) * N * G),
        cPrev,
        cells.subarray(t * N * H, (t + 1) * N * H),
        dOut.subarray(t * N * H, (t + 1) * N * H),
        dh,
        N,
        H,
        dc,
        dz,
      );
      if (t > 0) stepProduct(gemm, N, H, G, dz, whh, true, dh, false);
    }
  };
}
