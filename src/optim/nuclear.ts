// The nuclear-norm penalty β Σ‖W‖_* over the matrix parameters, as a subgradient term or as its
// proximal step (singular-value thresholding, Cai, Candès & Shen 2010, "A singular value
// thresholding algorithm for matrix completion", arXiv 0810.3286). Tikeng Notsawo et al. 2025
// (arXiv 2506.05718) use both for low-rank matrix completion: A ← A − α(∇g + β·U Vᵀ).
//
// Arrays carry no shapes, so these factories take them: `shapes` maps parameter names to their
// shapes (the same record the registry's build context holds). The last two axes are the
// matrix, leading axes a batch of independent matrices (an ensemble axis, attention heads);
// parameters of rank < 2 are skipped; a parameter with no entry at all is an error at init.
import { nuclearSubgradient, svt, type MatrixLike } from '../tensor/index.js';
import type { Arrays, Hyper, Transform } from './transform.js';
import type { CountState } from './scale.js';
import { memberValues, type MemberValues } from './hyper.js';
import { paramFor } from './arrays.js';
import { transformEntry } from './entry.js';
import { hyperSchema, toHyper } from './schedule-config.js';

export type Shapes = Readonly<Record<string, readonly number[]>>;

/** A parameter seen as `batch` row-major matrices, with Float64 room for all of them to work in. */
interface Plan {
  batch: number;
  work: MatrixLike & { data: Float64Array };
  /** one threshold per matrix (singularValueThreshold) */
  taus: Float64Array;
}

function plans(shapes: Shapes): Record<string, Plan> {
  const out: Record<string, Plan> = {};
  for (const name in shapes) {
    const shape = shapes[name];
    if (shape.length < 2) continue;
    const rows = shape[shape.length - 2];
    const cols = shape[shape.length - 1];
    const batch = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    // NOTE: the SVD runs in Float64 only; Float32 parameters are widened into `work`.
    out[name] = { batch, work: { data: new Float64Array(batch * rows * cols), shape: [batch, rows, cols] }, taus: new Float64Array(batch) };
  }
  return out;
}

/** Every parameter has its shape; per-member values need whole matrices per member (shapes [E, …, rows, cols]). */
function checkShapes(op: string, params: Arrays, shapes: Shapes, values: MemberValues): void {
  values.check(op, params);
  for (const name in params) {
    const shape = shapes[name];
    if (shape === undefined) throw new Error(`${op}: no shape for parameter "${name}"; pass the shapes of all parameters (those of rank < 2 are skipped)`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== params[name].length)
      throw new Error(`${op}: shape [${shape.join(', ')}] of "${name}" has ${size} elements, the parameter ${params[name].length}`);
    const batch = shape.length >= 2 ? shape.slice(0, -2).reduce((a, b) => a * b, 1) : values.members;
    if (batch % values.members !== 0) throw new Error(`${op}: "${name}" holds ${batch} matrices, not divisible into ${values.members} ensemble members`);
  }
}

/** u ← u + β·U Vᵀ for every matrix (the minimum-norm subgradient of β‖W‖_*; 0 at W = 0). */
export function addNuclearSubgradient(beta: Hyper, shapes: Shapes): Transform<CountState> {
  const matrices = plans(shapes);
  const values = memberValues(beta);
  return {
    init(params) {
      checkShapes('addNuclearSubgradient', params, shapes, values);
      return { count: 0 };
    },
    update(updates, state, params) {
      const b = values.at(state.count);
      state.count++;
      for (const name in updates) {
        const plan = matrices[name];
        if (plan === undefined) continue;
        const u = updates[name];
        const p = paramFor('addNuclearSubgradient', params, name, u.length);
        const w = plan.work.data;
        w.set(p);
        nuclearSubgradient(plan.work, w);
        // member e's matrices are one contiguous block of u
        const block = u.length / values.members;
        for (let e = 0, off = 0; e < values.members; e++, off += block) {
          const be = b[e];
          for (let i = off; i < off + block; i++) u[i] += be * w[i];
        }
      }
    },
  };
}

/**
 * The nuclear-norm proximal step, placed after the descent step: rewrites u so that
 * p + u = U·max(Σ − τ, 0)·Vᵀ, the SVD being that of p + u. For the proximal gradient method
 * pass τ = lr·β. NOTE: with Float32 parameters the dropped singular values come back as
 * rounding (≈ 1e-7·σ_max) when p + u is stored; rank is exact to that tolerance only.
 */
export function singularValueThreshold(tau: Hyper, shapes: Shapes): Transform<CountState> {
  const matrices = plans(shapes);
  const values = memberValues(tau);
  return {
    init(params) {
      checkShapes('singularValueThreshold', params, shapes, values);
      return { count: 0 };
    },
    update(updates, state, params) {
      const t = values.at(state.count);
      state.count++;
      for (const name in updates) {
        const plan = matrices[name];
        if (plan === undefined) continue;
        const u = updates[name];
        const p = paramFor('singularValueThreshold', params, name, u.length);
        const w = plan.work.data;
        for (let i = 0; i < w.length; i++) w[i] = p[i] + u[i];
        const perMember = plan.batch / values.members;
        for (let k = 0; k < plan.batch; k++) plan.taus[k] = t[Math.floor(k / perMember)];
        svt(plan.work, plan.taus, w);
        for (let i = 0; i < w.length; i++) u[i] = w[i] - p[i];
      }
    },
  };
}

export const addNuclearSubgradientEntry = transformEntry(
  'addNuclearSubgradient',
  'u += β·U Vᵀ per matrix, the subgradient of β‖W‖_* (Tikeng Notsawo et al. 2025); place before scaleByLearningRate',
  { beta: hyperSchema('nuclear-norm strength β') },
  (c, context) => addNuclearSubgradient(toHyper(c.beta), context.shapes),
);

export const singularValueThresholdEntry = transformEntry(
  'singularValueThreshold',
  'nuclear-norm proximal step, after the descent step: the singular values of p + u shrink by τ (Cai, Candès & Shen 2010)',
  { tau: hyperSchema('threshold τ (lr·β for the proximal gradient method)') },
  (c, context) => singularValueThreshold(toHyper(c.tau), context.shapes),
);
