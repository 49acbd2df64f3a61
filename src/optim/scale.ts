import type { Hyper, Transform } from './transform.js';
import { backend } from '../kernels/index.js';
import { perParameter } from './per-parameter.js';
import { z } from 'zod';
import { transformEntry } from './entry.js';
import { hyperSchema, toHyper } from './schedule-config.js';

/** u ← factor·u (optax.scale). */
export function scale(factor: number): Transform<Record<string, never>> {
  const factors = Float64Array.of(factor);
  return {
    init: () => ({}),
    update(updates) {
      for (const name in updates) backend().scaleBlocks('scale', factors, updates[name], updates[name]);
    },
  };
}

export type CountState = { count: number };

/**
 * u ← −lr·u (optax.scale_by_learning_rate): the sign flip that turns a direction into a
 * descent step, so every transform before it works with gradient-like quantities.
 */
export function scaleByLearningRate(lr: Hyper): Transform<CountState> {
  let factors = new Float64Array(0);
  return perParameter(
    'scaleByLearningRate',
    lr,
    (u, _p, rates) => {
      if (factors.length !== rates.length) factors = new Float64Array(rates.length);
      for (let e = 0; e < rates.length; e++) factors[e] = -rates[e];
      backend().scaleBlocks('scale', factors, u, u);
    },
    { readsParams: false },
  );
}

export const scaleEntry = transformEntry('scale', 'multiply the updates by a constant', { factor: z.number().describe('the multiplier') }, (c) =>
  scale(c.factor),
);

export const scaleByLearningRateEntry = transformEntry(
  'scaleByLearningRate',
  'multiply by −lr: turns a direction into a descent step',
  { lr: hyperSchema('learning rate') },
  (c) => scaleByLearningRate(toHyper(c.lr)),
);
