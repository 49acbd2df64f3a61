import { describe, expect, it } from 'vitest';
import { millerGpClassificationConfig, millerGpRegressionConfig, millerLinearConfig } from '../../papers/miller/presets.js';
import { validateConfig } from '../../config/validate.js';
import type { RunConfig } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import { setupRun } from '../setup.js';

const run = (config: RunConfig, steps: number) => {
  const { experiment } = setupRun(config);
  for (let s = 0; s < steps; s++) experiment.step(s);
  return experiment.evaluate();
};

describe('the experiments of models trained on their own (linear, exact-gp, variational-gp)', () => {
  it('name the model a task needs, and the init length the features need', () => {
    const gpOnLinear = validateConfig({ ...millerLinearConfig(), model: millerGpRegressionConfig('B').model });
    expect(() => setupRun(gpOnLinear)).toThrow(new UsageError('model.name: task linear-regression needs model "linear" (got "exact-gp")'));
    const shortInit = validateConfig({ ...millerLinearConfig(), model: { ...millerLinearConfig().model, init: [1, 2] } });
    expect(() => setupRun(shortInit)).toThrow('model.init: needs 4 weights, one per feature (got 2)');
    expect(() =>
      validateConfig({ ...millerGpRegressionConfig('B'), model: { name: 'exact-gp', logLengthscale: 0, logOutputscale: 0, noise: 1e-5, mean: 0 } }),
    ).toThrow(/config\.model\.noise/);
  });

  it('are deterministic: the same config gives bit-identical metrics', () => {
    const config = millerGpClassificationConfig('hidden-parity', { trainCount: 30, testCount: 20, dimensions: 6, seed: 3 });
    expect(run(config, 5)).toEqual(run(config, 5));
    const regression = millerGpRegressionConfig('B');
    expect(run(regression, 5)).toEqual(run(regression, 5));
  });

  it('a network still trains on a binary task that the GP learns', () => {
    const config = validateConfig({
      ...millerGpClassificationConfig('zero-one'),
      model: { name: 'mlp', input: 'embedding', embedDim: 1, hidden: [8], activation: 'relu', bias: true, initScale: 1 },
      training: { ...millerGpClassificationConfig('zero-one').training, dtype: 'float32' },
    });
    expect(run(config, 3).train_acc).toBeGreaterThanOrEqual(0);
  });
});
