// A mean-field Gaussian Bayesian MLP trained by variational inference (Blundell et al. 2015,
// "Weight uncertainty in neural networks"), as Miller, O'Neill & Bui 2024 use it (§5 of
// src/papers/miller/README.md; their code: jackmiller2003/tiny-gen, src/vbnn_layers.py). Every weight and
// bias has a posterior N(m, s²) with s = exp(log s) (the log-σ parameterization of their
// GaussianLayer), a prior N(0, priorStd²), and the forward pass samples the pre-activations by
// local reparameterization (Kingma, Salimans & Welling 2015): z = x·M + b + ε ⊙ √(x²·S² + s_b²),
// one ε per example and unit, which has the variance of a weight sample per example.
import { z } from 'zod';
import { foldIn, initialize, normal, type Key } from '../random/index.js';
import { required, type Examples } from '../tasks/dataset.js';
import * as T from '../tensor/index.js';
import type { Model, ModelContext, Params } from './model.js';

export const bnnSchema = z
  .object({
    name: z.literal('bnn'),
    hidden: z.array(z.number().int().min(1)).min(1).describe('widths of the ReLU hidden layers, e.g. [200]'),
    initScale: z.number().positive().describe('σ: the standard deviation of the initial posterior means, m ~ N(0, σ²) (Miller et al. vary it from 0.005 to 1)'),
    posteriorStdInit: z.number().positive().describe('initial posterior standard deviation s of every weight and bias (the paper: 0.01)'),
    priorStd: z.number().positive().describe('standard deviation of the N(0, priorStd²) prior (the paper: 1)'),
  })
  .strict();
export type BnnConfig = z.infer<typeof bnnSchema>;

/** A Model whose `apply` is the network at its posterior means, plus what variational inference needs. */
export interface BayesianModel extends Model {
  /** standard-normal ε for `count` examples, one [count, width] array per layer, drawn from `key` */
  noise(count: number, key: Key, dtype: T.DType): T.FloatArray[];
  /** logits with pre-activations sampled by local reparameterization, with ε from `noise` */
  sample(params: Params, batch: Examples, eps: readonly T.FloatArray[]): T.Tensor;
  /** KL(q ‖ prior) summed over every weight and bias: the complexity term */
  kl(params: Params): T.Tensor;
}

const MEAN = '_mean';
const LOG_STD = '_logstd';

export function bnn(config: BnnConfig, ctx: ModelContext): BayesianModel {
  if (ctx.input.kind !== 'features') throw new Error('model bnn reads dense features; this task gives token sequences');
  const widths = [ctx.input.features, ...config.hidden, ctx.outputs];
  const layers = widths.length - 1;
  const shapes: Record<string, number[]> = {};
  for (let l = 0; l < layers; l++) {
    for (const suffix of [MEAN, LOG_STD]) {
      shapes[`w${l}${suffix}`] = [widths[l], widths[l + 1]];
      shapes[`b${l}${suffix}`] = [widths[l + 1]];
    }
  }

  /** Means N(0, 1) (the init scale σ multiplies them), log-stds ln(posteriorStdInit). */
  function init(key: Key, dtype: T.DType): Params {
    const params: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const spec = name.endsWith(MEAN) ? ({ name: 'normal', std: 1 } as const) : ({ name: 'constant', value: Math.log(config.posteriorStdInit) } as const);
      params[name] = new T.Tensor(initialize(foldIn(key, i), spec, { shape, dtype }), shape);
    });
    return params;
  }

  const input = (params: Params, batch: Examples) => T.tensor(required(batch, 'features', 'bnn'), [batch.count, widths[0]], { dtype: params.w0_mean.dtype });

  function apply(params: Params, batch: Examples): T.Tensor {
    let h = input(params, batch);
    for (let l = 0; l < layers; l++) h = T.linear(h, params[`w${l}${MEAN}`], params[`b${l}${MEAN}`], l < layers - 1 ? 'relu' : 'none');
    return h;
  }

  function noise(count: number, key: Key, dtype: T.DType): T.FloatArray[] {
    return widths.slice(1).map((width, l) => normal(foldIn(key, l), count * width, dtype));
  }

  function sample(params: Params, batch: Examples, eps: readonly T.FloatArray[]): T.Tensor {
    let h = input(params, batch);
    for (let l = 0; l < layers; l++) {
      const mean = T.linear(h, params[`w${l}${MEAN}`], params[`b${l}${MEAN}`]);
      // NOTE: the bias variance keeps the variance > 0 even for an all-zero input row, so √ has a finite gradient.
      const variance = T.add(T.matmul(T.square(h), T.exp(T.mul(params[`w${l}${LOG_STD}`], 2))), T.exp(T.mul(params[`b${l}${LOG_STD}`], 2)));
      const z = T.add(mean, T.mul(new T.Tensor(eps[l], [batch.count, widths[l + 1]]), T.sqrt(variance)));
      h = l < layers - 1 ? T.relu(z) : z;
    }
    return h;
  }

  /** Σ KL(N(m, s²) ‖ N(0, p²)) = Σ [ln p − ln s + (s² + m²) / (2p²) − ½]. */
  function kl(params: Params): T.Tensor {
    const p2 = config.priorStd ** 2;
    const terms: T.Tensor[] = [];
    for (const name of Object.keys(shapes)) {
      if (!name.endsWith(MEAN)) continue;
      const m = params[name];
      const logS = params[name.slice(0, -MEAN.length) + LOG_STD];
      const perWeight = T.sub(T.div(T.add(T.exp(T.mul(logS, 2)), T.square(m)), 2 * p2), logS);
      terms.push(T.add(T.sum(perWeight), m.size * (Math.log(config.priorStd) - 0.5)));
    }
    return terms.reduce((a, b) => T.add(a, b));
  }

  return { shapes, init, apply, noise, sample, kl };
}

/** The model's init with the means scaled by σ = initScale (the standard deviations are not scaled). */
export function initBnnParams(model: BayesianModel, key: Key, dtype: T.DType, initScale: number): Params {
  const params = model.init(key, dtype);
  for (const [name, p] of Object.entries(params)) {
    if (name.endsWith(MEAN)) for (let i = 0; i < p.size; i++) p.data[i] *= initScale;
    p.requiresGrad = true;
  }
  return params;
}
