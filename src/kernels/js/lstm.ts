// One step of an LSTM layer and its backward, elementwise over rows × hidden units (see
// Backend.lstmCell): the reference the native kernels are checked against.
import type { FloatArray } from '../backend.js';

// NOTE: for v ≪ 0, e^−v overflows to Infinity and 1/(1 + ∞) = 0 is still right: no branch needed.
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function lstmCell(gates: FloatArray, cPrev: FloatArray | null, rows: number, hidden: number, c: FloatArray, h: FloatArray): void {
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

export function lstmCellBackward(
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
