// Norms and ranks of every weight matrix: which layer grows or shrinks, and whether it becomes
// low-rank, while the network generalizes. Built on the metrics layer's norms and ranks.
import { z } from 'zod';
import { effectiveRank, l0, l1, parameterNorms, sumOfSquares } from '../../metrics/index.js';
import { singularValues } from '../../tensor/index.js';
import { defineMeasure, prefixed, type Json, type Measure } from '../measure.js';

const options = z.strictObject({
  l0Threshold: z.number().min(0).default(1e-4).describe('ℓ0 counts the weights with |w| above this (Tikeng Notsawo et al. 2025 use 1e-4)'),
});
type Options = z.infer<typeof options>;

const weights: Measure<Options> = {
  name: 'weights',
  description:
    'per-matrix ℓ2 (Frobenius), ℓ1, ℓ0, nuclear norm and effective rank (entropy of the normalized singular values), and the totals over all parameters',
  requires: 'a network',
  options,
  appliesTo: () => true,
  compute(view, { l0Threshold }) {
    const shapes = view.subject.model.shapes;
    const norms = parameterNorms(view.arrays, undefined, l0Threshold);
    const matrices: Record<string, Json> = {};
    for (const [name, shape] of Object.entries(shapes)) {
      if (shape.length !== 2) continue;
      const data = view.arrays[name];
      const finite = data.every(Number.isFinite);
      // One SVD gives both the nuclear norm and the effective rank.
      const sv = finite ? singularValues({ data: data instanceof Float64Array ? data : Float64Array.from(data), shape }) : null;
      const { l0: count, l1: abs, l2 } = norms[name];
      matrices[name] = { l2, l1: abs, l0: count, nuclear: sv ? sv.reduce((a, b) => a + b, 0) : null, effective_rank: sv ? effectiveRank(sv) : null };
    }
    const squares = sumOfSquares(view.arrays);
    return { total_l2: Math.sqrt(squares), total_sum_squares: squares, total_l1: l1(view.arrays), total_l0: l0(view.arrays, l0Threshold), matrices };
  },
  scalars(v) {
    const out: Record<string, number> = { total_l2: v.total_l2 as number };
    for (const [name, m] of Object.entries(v.matrices as Record<string, Record<string, number | null>>)) {
      out[`l2/${name}`] = m.l2!;
      if (m.effective_rank !== null) out[`effective_rank/${name}`] = m.effective_rank;
    }
    return out;
  },
  panels: [
    { title: 'weight norm ℓ2 (log)', scalars: (names) => names.filter((n) => n === 'total_l2' || n.startsWith('l2/')), yLog: true },
    { title: 'effective rank', scalars: prefixed('effective_rank/') },
  ],
};

export const weightsMeasure = defineMeasure(weights);
