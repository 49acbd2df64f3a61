// Principal components of the number embedding: a network that adds mod p places the numbers on
// circles, n ↦ (cos 2πkn/p, sin 2πkn/p), in the plane of two components (Nanda et al. 2023 Fig. 3,
// Liu et al. 2023 "Omnigrok" Fig. 7).
import { z } from 'zod';
import { svdRaw } from '../../tensor/index.js';
import { defineMeasure, named, type Measure } from '../measure.js';
import { modularTask, numberEmbedding } from '../subject.js';
import { hasNumberEmbedding } from './fourier.js';

const options = z.strictObject({
  components: z.number().int().min(2).max(16).default(4).describe('principal components whose explained variance is reported'),
});
type Options = z.infer<typeof options>;

/**
 * How circular the points z_n = x_n + i·y_n (n = 0 … p−1) are: max over k of
 * |Σ_n z_n e^(−2πikn/p)| / Σ_n |z_n|, which is 1 exactly when they sit evenly on a circle, n at
 * angle 2πkn/p (+ a phase), and near 0 for scattered points. Returns that value and its k
 * (1 … p−1; k and p − k are the two directions of the same circle).
 */
export function circularity(x: ArrayLike<number>, y: ArrayLike<number>): { circularity: number; frequency: number } {
  const p = x.length;
  let radii = 0;
  for (let n = 0; n < p; n++) radii += Math.hypot(x[n], y[n]);
  let best = { circularity: 0, frequency: 1 };
  if (radii === 0) return best;
  for (let k = 1; k < p; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < p; n++) {
      const angle = (-2 * Math.PI * ((k * n) % p)) / p;
      re += x[n] * Math.cos(angle) - y[n] * Math.sin(angle);
      im += x[n] * Math.sin(angle) + y[n] * Math.cos(angle);
    }
    const c = Math.hypot(re, im) / radii;
    if (c > best.circularity) best = { circularity: c, frequency: k };
  }
  return best;
}

const pca: Measure<Options> = {
  name: 'pca',
  description: "principal components of the number embedding: explained variance, each number's coordinates on the first two, and how circular they lie",
  requires: 'a modular task and a model with a number embedding (transformer, mlp, matrix-product-mlp)',
  options,
  appliesTo: hasNumberEmbedding,
  compute(view, { components }) {
    const { p } = modularTask(view.subject)!;
    const { matrix, width } = numberEmbedding(view, p)!;
    const centered = Float64Array.from(matrix);
    for (let j = 0; j < width; j++) {
      let mean = 0;
      for (let n = 0; n < p; n++) mean += centered[n * width + j];
      mean /= p;
      for (let n = 0; n < p; n++) centered[n * width + j] -= mean;
    }
    const { u, s } = svdRaw(centered, p, width);
    const k = s.length;
    let total = 0;
    for (let i = 0; i < k; i++) total += s[i] ** 2;
    const explained = Array.from({ length: Math.min(components, k) }, (_, i) => (total > 0 ? s[i] ** 2 / total : 0));
    const x = Float64Array.from({ length: p }, (_, n) => u[n * k] * s[0]);
    const y = Float64Array.from({ length: p }, (_, n) => (k > 1 ? u[n * k + 1] * s[1] : 0));
    const circle = circularity(x, y);
    return { explained, pc1: [...x], pc2: [...y], circularity: circle.circularity, circle_frequency: circle.frequency };
  },
  scalars: (v) => ({ explained_1: (v.explained as number[])[0], explained_2: (v.explained as number[])[1], circularity: v.circularity as number }),
  panels: [{ title: 'embedding PCA', scalars: named('explained_1', 'explained_2', 'circularity'), unit: true }],
};

export const pcaMeasure = defineMeasure(pca);
