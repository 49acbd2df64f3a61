import type { Activation, AdamWArgs, FloatArray } from '../backend.js';

export function biasActivation(x: FloatArray, bias: FloatArray | null, rows: number, cols: number, act: Activation, out: FloatArray): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const z = bias ? x[o + j] + bias[j] : x[o + j];
      out[o + j] = act === 'relu' ? (z > 0 ? z : 0) : z;
    }
  }
}

export function biasActivationBackward(
  out: FloatArray,
  gradOut: FloatArray,
  rows: number,
  cols: number,
  act: Activation,
  gradIn: FloatArray,
  gradBias: FloatArray | null,
): void {
  const sums = new Float64Array(gradBias ? cols : 0);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const g = act === 'relu' && !(out[o + j] > 0) ? 0 : gradOut[o + j];
      gradIn[o + j] = g;
      if (gradBias) sums[j] += gradIn[o + j];
    }
  }
  if (gradBias) gradBias.set(sums);
}

export function softmaxCrossEntropy(logits: FloatArray, labels: Int32Array, rows: number, cols: number, dlogits: FloatArray | null, scale: number): number {
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const y = labels[i];
    // NOTE: subtract the row max before exp, or large logits overflow to Infinity.
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (logits[o + j] > max) max = logits[o + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(logits[o + j] - max);
    const logZ = max + Math.log(sum);
    total += logZ - logits[o + y];
    if (dlogits) {
      for (let j = 0; j < cols; j++) dlogits[o + j] = scale * Math.exp(logits[o + j] - logZ);
      dlogits[o + y] -= scale;
    }
  }
  return total;
}

export function adamw(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, a: AdamWArgs): void {
  const bc1 = 1 - Math.pow(a.beta1, a.step);
  const bc2 = 1 - Math.pow(a.beta2, a.step);
  const lrDecay = a.lr * a.weightDecay;
  for (let i = 0; i < param.length; i++) {
    const g = grad[i];
    const mi = a.beta1 * m[i] + (1 - a.beta1) * g;
    const vi = a.beta2 * v[i] + (1 - a.beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    // Decoupled decay plus the Adam direction; PyTorch applies the same two terms to the weight.
    grad[i] = -(lrDecay * param[i]) - (a.lr * (mi / bc1)) / (Math.sqrt(vi / bc2) + a.eps);
  }
}
