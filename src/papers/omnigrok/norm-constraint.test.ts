// Omnigrok's two knobs on whole experiments: the init scale α multiplies the initial weight norm
// of every model by α, and the constrained mode holds the global norm at its initial value.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../index.js';
import { validateConfig } from '../../config/validate.js';
import { setupRun } from '../../train/setup.js';
import { constrained, mnistConfig, teacherStudentConfig } from './configs.js';

const norm = (config: Parameters<typeof setupRun>[0]) => setupRun(config).experiment.evaluate().weight_l2;

describe('init scale α', () => {
  it.each(['mod97-mlp-adamw', 'nanda-p113', 'omnigrok-teacher-student'])('multiplies the initial weight norm by α (%s)', (name) => {
    const base = PRESETS[name].config;
    const scaled = (alpha: number) => validateConfig({ ...base, model: { ...base.model, initScale: alpha } });
    expect(norm(scaled(3)) / norm(scaled(1))).toBeCloseTo(3, 6); // float32 parameters
  });

  it('MNIST MLP 784-200-200-10: w₀ ≈ 11.7 at α = 1, as in the paper', () => {
    expect(norm(mnistConfig({ alpha: 1, steps: 1 }))).toBeCloseTo(11.7, 0);
  });
});

describe('constrained norm', () => {
  it.each(['float32', 'float64'] as const)('keeps the global norm at its initial value to 1e-6 while the weights move (teacher–student, %s)', (dtype) => {
    const base = teacherStudentConfig({ alpha: 3, steps: 100, constrain: true, lr: 1e-2 });
    const { experiment } = setupRun(validateConfig({ ...base, training: { ...base.training, dtype } }));
    const before = Object.values(experiment.arrays).map((a) => Float64Array.from(a));
    const w0 = experiment.evaluate().weight_l2;
    for (let step = 0; step < 100; step++) {
      experiment.step(step);
      expect(Math.abs(experiment.evaluate().weight_l2 / w0 - 1)).toBeLessThan(1e-6);
    }
    let moved = 0;
    Object.values(experiment.arrays).forEach((a, i) => a.forEach((v, j) => (moved += (v - before[i][j]) ** 2)));
    expect(Math.sqrt(moved) / w0).toBeGreaterThan(0.05);
  });

  it('works with any optimizer and task: MNIST minibatches with AdamW and weight decay', () => {
    const base = mnistConfig({ alpha: 2, steps: 20, trainSize: 100, testSize: 100, batchSize: 50, hidden: [32, 32], dtype: 'float32' });
    const config = validateConfig({ ...base, optimizer: constrained(base.optimizer) });
    const { experiment } = setupRun(config);
    const w0 = experiment.evaluate().weight_l2;
    for (let step = 0; step < 20; step++) experiment.step(step);
    expect(Math.abs(experiment.evaluate().weight_l2 / w0 - 1)).toBeLessThan(1e-6);
    // unconstrained, the same decay shrinks the norm
    const free = setupRun(base).experiment;
    for (let step = 0; step < 20; step++) free.step(step);
    expect(free.evaluate().weight_l2).not.toBeCloseTo(w0, 3);
  });

  it('must be the last transform of its chain (a later one would leave the sphere)', () => {
    const base = teacherStudentConfig({ alpha: 1, steps: 10 });
    const chain = (transforms: unknown[]) => validateConfig({ ...base, optimizer: { name: 'chain', transforms } });
    expect(() => chain([{ name: 'normConstraint' }, base.optimizer])).toThrow(
      /optimizer\.transforms\.0: normConstraint must be the last transform of the chain/,
    );
    expect(chain([base.optimizer, { name: 'normConstraint' }]).optimizer.name).toBe('chain');
  });
});
