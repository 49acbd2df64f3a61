// The network penalties of Tikeng Notsawo et al. 2025 as their code applies them: β·h(W) summed
// over the weight matrices is added to the loss, so its gradient joins the loss gradient before
// Adam normalizes the sum. chain(penalty, adam) must be exactly that, on rectangular matrices
// (embeddings p×d, read-out d×p) as well as square ones.
import { describe, expect, test } from 'vitest';
import { foldIn, key, normal } from '../random/index.js';
import { nuclearNorm, type FloatArray } from '../tensor/index.js';
import { adam, buildOptimizer, type Arrays, type OptimizerConfigInput } from './index.js';
import { copy } from './testing.js';

const shapes = { embed: [7, 4], w0: [4, 4], w1: [4, 7], bias: [4] };
const root = key(11);
const draw = (i: number, n: number) => normal(foldIn(root, i), n, 'float64') as Float64Array;
const params = (): Record<string, Float64Array> =>
  Object.fromEntries(
    Object.entries(shapes).map(([name, s], i) => [
      name,
      draw(
        i,
        s.reduce((a, b) => a * b, 1),
      ),
    ]),
  );

const total = (w: FloatArray, f: (v: number) => number) => Array.from(w, f).reduce((a, b) => a + b, 0);

/** h(W) per matrix, as torch.norm(W, p) in their code: entrywise ℓ1, unsquared Frobenius, nuclear. */
const PENALTIES: [string, OptimizerConfigInput, (w: FloatArray, shape: number[]) => number][] = [
  ['ℓ1', { name: 'addL1Subgradient', beta: 0.3 }, (w) => total(w, Math.abs)],
  ['ℓ2 (unsquared)', { name: 'addL2Penalty', beta: 0.3, squared: false }, (w) => Math.sqrt(total(w, (v) => v * v))],
  ['nuclear', { name: 'addNuclearSubgradient', beta: 0.3 }, (w, shape) => nuclearNorm({ data: Float64Array.from(w), shape })],
];

/** ∇ of 0.3·h over the matrices by central differences (h is smooth at a random full-rank W). */
function numericGradient(p: Record<string, Float64Array>, h: (w: FloatArray, shape: number[]) => number): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [name, w] of Object.entries(p)) {
    const shape = shapes[name as keyof typeof shapes];
    out[name] = new Float64Array(w.length);
    if (shape.length < 2) continue;
    for (let i = 0; i < w.length; i++) {
      const saved = w[i];
      w[i] = saved + 1e-6;
      const up = h(w, shape);
      w[i] = saved - 1e-6;
      const down = h(w, shape);
      w[i] = saved;
      out[name][i] = (0.3 * (up - down)) / 2e-6;
    }
  }
  return out;
}

describe('penalty gradient, then Adam (Tikeng Notsawo et al. 2025, their loss + β·Σ h(W))', () => {
  for (const [label, penalty, h] of PENALTIES) {
    test(`${label}: masked to the matrices, added before Adam, equals Adam on ∇(loss + β·Σh)`, () => {
      const config: OptimizerConfigInput = {
        name: 'chain',
        transforms: [
          { name: 'masked', params: 'matrices', transform: penalty },
          { name: 'adam', lr: 0.01 },
        ],
      };
      const penalized = buildOptimizer(config, { shapes });
      const reference = adam({ lr: 0.01 });
      const ours: Arrays = params();
      const theirs = copy(ours) as Record<string, Float64Array>;
      const s1 = penalized.init(ours);
      const s2 = reference.init(theirs);
      for (let step = 0; step < 3; step++) {
        const grads = Object.fromEntries(Object.keys(shapes).map((name, i) => [name, draw(100 * step + i + 10, ours[name].length)]));
        const penaltyGrad = numericGradient(theirs, h);
        const withPenalty = Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, g.map((v, i) => v + penaltyGrad[name][i])]));
        const u1 = copy(grads);
        penalized.update(u1, s1, ours);
        reference.update(withPenalty, s2, theirs);
        for (const name of Object.keys(shapes)) {
          u1[name].forEach((v, i) => expect(v).toBeCloseTo(withPenalty[name][i], 7));
          ours[name].forEach((_, i) => (ours[name][i] += u1[name][i]));
          theirs[name].forEach((_, i) => (theirs[name][i] += withPenalty[name][i]));
        }
      }
    });
  }
});
