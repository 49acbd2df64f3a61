import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../config/defaults.js';
import type { RunConfig } from '../../config/schema.js';
import { l0, l1, l2, nuclear } from '../../metrics/index.js';
import { modularData, type ModularTask } from '../../tasks/modular.js';
import { NetworkExperiment } from './network.js';

const task: ModularTask = { name: 'modular', p: 7, operation: 'add', trainFraction: 0.5, splitSeed: 0 };
const config = (normMetrics?: boolean): RunConfig => ({
  ...DEFAULTS,
  task,
  model: { name: 'matrix-product-mlp', embedDim: 4, hidden: [5], sharedEmbedding: false, bias: false, initScale: 1 },
  training: { ...DEFAULTS.training, ...(normMetrics === undefined ? {} : { normMetrics }) },
});

describe('NetworkExperiment norm metrics (Tikeng Notsawo et al. 2025)', () => {
  it('logs weight_l0 (|w| > 1e-4), weight_l1 and weight_nuclear over all parameters when asked', () => {
    const experiment = new NetworkExperiment(config(true), modularData(task));
    experiment.arrays.w0[0] = 5e-5; // below the ℓ0 threshold
    const m = experiment.evaluate();
    const shapes = experiment.model.shapes;
    expect(m.weight_l0).toBe(l0(experiment.arrays, 1e-4));
    expect(m.weight_l0).toBe(Object.values(shapes).reduce((s, sh) => s + sh[0] * sh[1], 0) - 1);
    expect(m.weight_l1).toBe(l1(experiment.arrays));
    expect(m.weight_l2).toBe(l2(experiment.arrays));
    expect(m.weight_nuclear).toBeCloseTo(nuclear(experiment.arrays, shapes), 12);
  });

  it('logs only weight_l2 by default', () => {
    for (const flag of [undefined, false]) {
      const m = new NetworkExperiment(config(flag), modularData(task)).evaluate();
      expect(Object.keys(m).filter((k) => k.startsWith('weight_'))).toEqual(['weight_l2']);
    }
  });
});
