import { noGrad } from './autograd.js';
import { Tensor } from './tensor.js';

export interface GradcheckResult {
  /** largest |analytic − numeric| / max(1, |numeric|) over all inputs and elements */
  maxError: number;
  /** where it occurred: input index and element */
  worst: { input: number; element: number; analytic: number; numeric: number } | null;
}

/**
 * Compares reverse-mode gradients with central finite differences, in Float64. The output is
 * contracted with fixed weights w (L = Σ w ⊙ f(x)) so non-scalar outputs are checked in every
 * direction at once and errors cannot cancel out by symmetry.
 */
export function gradcheck(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], weights: (n: number) => Float64Array, eps = 1e-6): GradcheckResult {
  for (const x of inputs) if (x.dtype !== 'float64') throw new Error('gradcheck needs float64 inputs');
  const probe = noGrad(() => f(...inputs));
  const w = weights(probe.size);
  const objective = (): number => {
    const y = noGrad(() => f(...inputs));
    let s = 0;
    for (let i = 0; i < y.size; i++) s += w[i] * y.data[i];
    return s;
  };
  for (const x of inputs) {
    x.requiresGrad = true;
    x.grad = null;
  }
  const y = f(...inputs);
  y.backward(new Tensor(Float64Array.from(w), y.shape));
  let maxError = 0;
  let worst: GradcheckResult['worst'] = null;
  inputs.forEach((x, k) => {
    for (let e = 0; e < x.size; e++) {
      const saved = x.data[e];
      x.data[e] = saved + eps;
      const up = objective();
      x.data[e] = saved - eps;
      const down = objective();
      x.data[e] = saved;
      const numeric = (up - down) / (2 * eps);
      const analytic = x.grad ? x.grad.data[e] : 0;
      const err = Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric));
      if (err > maxError || (Number.isNaN(err) && worst === null)) {
        maxError = Number.isNaN(err) ? Infinity : err;
        worst = { input: k, element: e, analytic, numeric };
      }
    }
  });
  return { maxError, worst };
}
