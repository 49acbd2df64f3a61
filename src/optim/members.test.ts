import { describe, expect, test } from 'vitest';
import { foldIn, key, normal } from '../random/index.js';
import {
  buildEnsembleOptimizer,
  buildOptimizer,
  memberState,
  mergeMemberConfigs,
  optimizerShape,
  parseOptimizerConfig,
  setMemberState,
  type OptimizerConfigInput,
} from './index.js';

const gaussian = (seed: number, n: number) => normal(key(seed), n, 'float64') as Float64Array;

/**
 * Trains E members of `shape` as one ensemble optimizer and each alone for a few steps, with
 * the same random gradients, and returns the largest difference (they should be bit-identical).
 */
function ensembleVersusAlone(configs: OptimizerConfigInput[], shape: number[], steps = 4): number {
  const E = configs.length;
  const size = shape.reduce((a, b) => a * b, 1);
  const params = { w: gaussian(1, E * size) };
  const ensemble = buildEnsembleOptimizer(configs, { shapes: { w: [E, ...shape] } });
  const state = ensemble.init(params);
  const alone = configs.map((c, e) => {
    const p = { w: params.w.slice(e * size, (e + 1) * size) };
    const t = buildOptimizer(c, { shapes: { w: shape } });
    return { p, t, s: t.init(p) };
  });
  for (let step = 0; step < steps; step++) {
    const g = gaussian(foldIn(key(2), step)[0], E * size);
    const u = { w: g.slice() };
    ensemble.update(u, state, params);
    for (let i = 0; i < params.w.length; i++) params.w[i] += u.w[i];
    alone.forEach(({ p, t, s }, e) => {
      const ue = { w: g.slice(e * size, (e + 1) * size) };
      t.update(ue, s, p);
      for (let i = 0; i < size; i++) p.w[i] += ue.w[i];
    });
  }
  let worst = 0;
  alone.forEach(({ p }, e) => p.w.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - params.w[e * size + i])))));
  return worst;
}

const penalty = (term: OptimizerConfigInput, lr: number | object): OptimizerConfigInput => ({
  name: 'chain',
  transforms: [term, { name: 'sgd', lr } as OptimizerConfigInput],
});

describe('ensemble optimizers: per-member hyper-parameters', () => {
  test('ℓ1, ℓ2 (squared and per-member norm), decay and ISTA: each member updates exactly as alone', () => {
    expect(
      ensembleVersusAlone(
        [
          penalty({ name: 'addL1Subgradient', beta: 0.1 }, 0.1),
          penalty({ name: 'addL1Subgradient', beta: 0.3 }, 0.02),
          penalty({ name: 'addL1Subgradient', beta: 0 }, 0.05),
        ],
        [7],
      ),
    ).toBe(0);
    expect(
      ensembleVersusAlone(
        [penalty({ name: 'addL2Penalty', beta: 0.1, squared: false }, 0.1), penalty({ name: 'addL2Penalty', beta: 0.2, squared: false }, 0.1)],
        [3, 2],
      ),
    ).toBe(0);
    expect(
      ensembleVersusAlone([penalty({ name: 'addDecayedWeights', weightDecay: 0 }, 0.1), penalty({ name: 'addDecayedWeights', weightDecay: 0.5 }, 0.1)], [5]),
    ).toBe(0);
    const ista = (lr: number, tau: number): OptimizerConfigInput => ({
      name: 'chain',
      transforms: [
        { name: 'sgd', lr },
        { name: 'softThreshold', tau },
      ],
    });
    expect(ensembleVersusAlone([ista(0.1, 0.05), ista(0.3, 0.2), ista(0.1, 0.05)], [6])).toBe(0);
  });

  test('schedules per member, sgd weight decay zero for some members, and AdamW', () => {
    const warm = (peak: number) => ({ schedule: 'linearWarmup', peak, warmupSteps: 3 });
    expect(
      ensembleVersusAlone(
        [
          { name: 'sgd', lr: warm(0.1) },
          { name: 'sgd', lr: 0.05 },
          { name: 'sgd', lr: warm(0.3) },
        ] as OptimizerConfigInput[],
        [4],
        6,
      ),
    ).toBe(0);
    expect(
      ensembleVersusAlone(
        [
          { name: 'sgd', lr: 0.1, weightDecay: 0 },
          { name: 'sgd', lr: 0.1, weightDecay: 0.3 },
        ],
        [4],
      ),
    ).toBe(0);
    expect(
      ensembleVersusAlone(
        [
          { name: 'adamw', lr: 1e-2, weightDecay: 1 },
          { name: 'adamw', lr: 3e-3, weightDecay: 0.1 },
        ],
        [3, 3],
      ),
    ).toBe(0);
  });

  test('nuclear-norm subgradient and singular-value thresholding: per-member β on [E, rows, cols]', () => {
    expect(
      ensembleVersusAlone([penalty({ name: 'addNuclearSubgradient', beta: 0.1 }, 0.1), penalty({ name: 'addNuclearSubgradient', beta: 0.01 }, 0.2)], [4, 3]),
    ).toBe(0);
    const svt = (lr: number, tau: number): OptimizerConfigInput => ({
      name: 'chain',
      transforms: [
        { name: 'sgd', lr },
        { name: 'singularValueThreshold', tau },
      ],
    });
    expect(ensembleVersusAlone([svt(0.1, 0.5), svt(0.2, 0.05)], [3, 3])).toBe(0);
  });

  test('members may differ only in hyper-parameters: anything else is refused, naming the field', () => {
    expect(() =>
      mergeMemberConfigs([parseOptimizerConfig({ name: 'sgd', lr: 0.1, momentum: 0.9 }), parseOptimizerConfig({ name: 'sgd', lr: 0.1, momentum: 0.5 })]),
    ).toThrow(/optimizer\.momentum: ensemble members may differ only in hyper-parameters; member 1 has 0\.5/);
    expect(() =>
      mergeMemberConfigs([parseOptimizerConfig(penalty({ name: 'addL1Subgradient', beta: 1 }, 0.1)), parseOptimizerConfig({ name: 'sgd', lr: 0.1 })]),
    ).toThrow(/optimizer\.name/);
    const shape = (c: OptimizerConfigInput) => JSON.stringify(optimizerShape(parseOptimizerConfig(c)));
    expect(shape(penalty({ name: 'addL1Subgradient', beta: 1 }, 0.1))).toBe(
      shape(penalty({ name: 'addL1Subgradient', beta: 2 }, { schedule: 'constant', value: 1 })),
    );
    expect(shape({ name: 'sgd', lr: 0.1, momentum: 0.9 })).not.toBe(shape({ name: 'sgd', lr: 0.1 }));
    // equal hyper-parameters stay shared values (the single-run fast path)
    expect(mergeMemberConfigs([parseOptimizerConfig({ name: 'sgd', lr: 0.1 }), parseOptimizerConfig({ name: 'sgd', lr: 0.1 })])).toEqual(
      parseOptimizerConfig({ name: 'sgd', lr: 0.1 }),
    );
  });

  test("a member's state is its block of every array; writing it back round-trips", () => {
    const t = buildEnsembleOptimizer(
      [
        { name: 'adamw', lr: 0.1, weightDecay: 0 },
        { name: 'adamw', lr: 0.2, weightDecay: 0 },
      ],
      { shapes: { w: [2, 3] } },
    );
    const params = { w: gaussian(3, 6) };
    const state = t.init(params);
    t.update({ w: gaussian(4, 6) }, state, params);
    const second = memberState(state, 1, 2) as { count: number; mu: { w: Float64Array } };
    expect(second.count).toBe(1);
    expect(Array.from(second.mu.w)).toEqual(Array.from((state as unknown as { mu: { w: Float64Array } }).mu.w.subarray(3)));
    const copy = { count: 1, mu: { w: new Float64Array([1, 2, 3]) }, nu: { w: new Float64Array([4, 5, 6]) } };
    setMemberState(state, 0, 2, copy);
    expect(Array.from((memberState(state, 0, 2) as typeof copy).nu.w)).toEqual([4, 5, 6]);
  });
});
