import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../config/validate.js';
import { parityData } from '../../tasks/parity.js';
import { BnnExperiment } from './bnn.js';

const config = (batchSize: number | 'full') =>
  validateConfig({
    task: { name: 'parity', bits: 6, k: 2, trainCount: 40, testCount: 20, dataSeed: 'run' },
    model: { name: 'bnn', hidden: [8], initScale: 0.5, posteriorStdInit: 0.01, priorStd: 1 },
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { steps: 10, batchSize, batchOrder: 'epochs', evalEvery: 1, seed: 3, dtype: 'float64', evalsPerDecade: 10, checkpointEvery: 5, earlyStop: null },
    detection: {},
  });

function train(batchSize: number | 'full', steps: number) {
  const c = config(batchSize);
  if (c.task.name !== 'parity') throw new Error('a parity config');
  const exp = new BnnExperiment(c, parityData(c.task, c.training.seed));
  const losses = Array.from({ length: steps }, (_, s) => exp.step(s));
  return { losses, metrics: exp.evaluate() };
}

describe('BnnExperiment', () => {
  it('same config and seed → the same losses and metrics; the complexity is KL/N and falls', () => {
    const a = train('full', 6);
    expect(train('full', 6)).toEqual(a);
    for (const l of a.losses) expect(Number.isFinite(l)).toBe(true);
    expect(Object.keys(a.metrics).sort()).toEqual(['complexity', 'test_acc', 'test_acc_mean', 'test_loss', 'train_acc', 'train_acc_mean', 'train_loss']);
    const before = train('full', 0).metrics.complexity;
    expect(a.metrics.complexity).toBeLessThan(before);
  });

  it("trains on epoch minibatches too (Miller et al.'s other BNN runs use batch 32)", () => {
    const full = train('full', 4);
    const mini = train(16, 4);
    expect(mini.losses.every(Number.isFinite)).toBe(true);
    expect(mini.metrics.train_loss).not.toBe(full.metrics.train_loss);
  });
});
