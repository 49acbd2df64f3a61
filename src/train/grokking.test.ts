// The phenomenon itself: a small modular-addition MLP groks with weight decay and does not
// without it. If a change to the engine, the optimizer or the loop makes grokking disappear,
// this fails.
import { describe, expect, it } from 'vitest';
import { deepMerge, type Json } from '../config/merge.js';
import { DEFAULTS } from '../config/defaults.js';
import { validateConfig } from '../config/validate.js';
import { detectGrokking } from '../metrics/index.js';
import { train } from './loop.js';
import { setupRun } from './setup.js';

async function trainSmall(weightDecay: number) {
  const config = validateConfig(
    deepMerge(DEFAULTS as unknown as Json, {
      task: { p: 41, trainFraction: 0.5 },
      model: { embedDim: 32, hidden: [64] },
      optimizer: { lr: 1e-2, weightDecay },
      training: { steps: 2000, checkpointEvery: 1_000_000 },
    }),
  );
  const { evals } = await train(setupRun(config), { onEvent: () => {}, saveCheckpoint: () => '', stopRequested: () => false });
  return { verdict: detectGrokking(evals, config.detection), final: evals[evals.length - 1].metrics };
}

describe('grokking on modular addition (p = 41, MLP, AdamW)', () => {
  it('with weight decay 1: memorizes early, generalizes an order of magnitude later', async () => {
    const { verdict, final } = await trainSmall(1);
    expect(verdict.outcome).toBe('grok');
    expect(verdict.t_mem!).toBeLessThan(200);
    expect(verdict.ratio!).toBeGreaterThanOrEqual(10);
    expect(final.test_acc).toBeGreaterThanOrEqual(0.99);
  });

  it('without weight decay: memorizes and does not generalize in the same budget', async () => {
    const { verdict, final } = await trainSmall(0);
    expect(verdict.outcome).toBe('memorize');
    expect(final.train_acc).toBe(1);
    expect(final.test_acc).toBeLessThan(0.1);
  });
});
