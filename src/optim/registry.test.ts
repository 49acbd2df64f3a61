import { describe, expect, test } from 'vitest';
import {
  adamw,
  applyUpdates,
  buildOptimizer,
  chain,
  normConstraint,
  optimizerConfigSchema,
  optimizerRegistry,
  parseOptimizerConfig,
  type OptimizerConfigInput,
  type OptimizerName,
} from './index.js';
import { copy, f64, updateOf } from './testing.js';

const shapes = { w: [2, 2], b: [2] };
const params = { w: f64(1, 2, 3, 4), b: f64(0.5, -0.5) };
const grads = { w: f64(0.1, -0.2, 0.3, -0.4), b: f64(1, 2) };

/** Omnigrok Fig. 6 (constrained): AdamW without decay, the global norm held fixed. */
const omnigrokConstrained: OptimizerConfigInput = {
  name: 'chain',
  transforms: [{ name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.98, weightDecay: 0 }, { name: 'normConstraint' }],
};

/** Tikeng Notsawo et al. sparse recovery by ISTA: α = 0.1, β = 1e-5, so τ = αβ = 1e-6. */
const tikengIsta: OptimizerConfigInput = {
  name: 'chain',
  transforms: [
    { name: 'sgd', lr: 0.1 },
    { name: 'softThreshold', tau: 1e-6 },
  ],
};

/** One valid config per registry entry. */
const examples: Record<OptimizerName, OptimizerConfigInput> = {
  sgd: { name: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: { schedule: 'constant', value: 1e-2 } },
  adam: { name: 'adam', lr: 1e-3 },
  adamw: { name: 'adamw', lr: { schedule: 'linearWarmup', peak: 1e-3, warmupSteps: 10 }, beta2: 0.98, weightDecay: 1 },
  chain: omnigrokConstrained,
  masked: { name: 'masked', params: 'matrices', transform: { name: 'addNuclearSubgradient', beta: 1e-4 } },
  identity: { name: 'identity' },
  scale: { name: 'scale', factor: 2 },
  scaleByLearningRate: { name: 'scaleByLearningRate', lr: { schedule: 'warmupCosine', peak: 1, warmupSteps: 2, decaySteps: 10 } },
  scaleByAdam: { name: 'scaleByAdam' },
  addDecayedWeights: { name: 'addDecayedWeights', weightDecay: 0.1 },
  traceMomentum: { name: 'traceMomentum', decay: 0.9 },
  clipByGlobalNorm: { name: 'clipByGlobalNorm', maxNorm: 5 },
  grokfastEma: { name: 'grokfastEma' },
  addL1Subgradient: { name: 'addL1Subgradient', beta: 1e-5 },
  addL2Penalty: { name: 'addL2Penalty', beta: 1e-5, squared: false },
  addNuclearSubgradient: { name: 'addNuclearSubgradient', beta: 1e-4 },
  softThreshold: { name: 'softThreshold', tau: 1e-6 },
  singularValueThreshold: { name: 'singularValueThreshold', tau: { schedule: 'cosineDecay', peak: 1e-5, decaySteps: 100 } },
  normConstraint: { name: 'normConstraint' },
};

describe('valid configs build', () => {
  test('there is an example for every registry entry', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(optimizerRegistry).sort());
  });

  test.each(Object.entries(examples))('%s', (_, config) => {
    const t = buildOptimizer(config, { shapes });
    const updates = copy(grads);
    t.update(updates, t.init(params), params);
    for (const u of Object.values(updates)) expect(u.every(Number.isFinite)).toBe(true);
  });

  test('defaults are filled in when parsing', () => {
    expect(parseOptimizerConfig({ name: 'adamw', lr: 1e-3, weightDecay: 1 })).toEqual({
      name: 'adamw',
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 1,
    });
  });

  test('Omnigrok constrained AdamW from config equals the hand-built chain', () => {
    const fromConfig = buildOptimizer(omnigrokConstrained, { shapes });
    const byHand = chain(adamw({ lr: 1e-3, beta1: 0.9, beta2: 0.98, weightDecay: 0 }), normConstraint());
    expect(updateOf(fromConfig, fromConfig.init(params), params, grads)).toEqual(updateOf(byHand, byHand.init(params), params, grads));
  });

  test("Tikeng's ISTA from config: a gradient step, then soft-thresholding by lr·β", () => {
    const t = buildOptimizer(tikengIsta, { shapes: { a: [3] } });
    const a = { a: f64(0.5, 1e-7, -0.25) };
    // a − 0.1·g = [0.25, 1e-7, −0.75] → thresholded by 1e-6
    const updates = { a: f64(2.5, 0, 5) };
    t.update(updates, t.init(a), a);
    applyUpdates(a, updates);
    expect(a.a[0]).toBeCloseTo(0.25 - 1e-6, 15);
    expect(a.a[1]).toBe(0);
    expect(a.a[2]).toBeCloseTo(-0.75 + 1e-6, 15);
  });

  test('masked "matrices" applies the nuclear penalty to the matrix only', () => {
    const t = buildOptimizer(examples.masked, { shapes });
    expect(updateOf(t, t.init(params), params, grads).b).toEqual([1, 2]);
  });
});

describe('invalid configs name the path and what is allowed', () => {
  const message = (config: unknown) => {
    try {
      parseOptimizerConfig(config);
    } catch (error) {
      return (error as Error).message.split('\n').slice(1);
    }
    throw new Error('expected the config to be rejected');
  };

  test('unknown name', () => {
    const [line] = message({ name: 'sgdd', lr: 1 });
    expect(line).toMatch(/^optimizer\.name: expected one of "sgd" \| "adam" \| "adamw" \| "chain" \| "masked" \| /);
    expect(line).toContain('"normConstraint"');
  });

  test('unknown key, nested in a chain', () => {
    expect(message({ name: 'chain', transforms: [{ name: 'adamw', lr: 1e-3, weightDecay: 1, momentum: 0.9 }] })).toEqual([
      'optimizer.transforms[0]: unknown key "momentum" in optimizer "adamw"; allowed: name, lr, beta1, beta2, eps, weightDecay',
    ]);
  });

  test('bad learning rates and schedules', () => {
    expect(message({ name: 'sgd', lr: '1e-3' })).toEqual([
      'optimizer.lr: expected a number or a schedule {schedule: "constant" | "linearWarmup" | "cosineDecay" | "warmupCosine" | "stepDecay", …}, received "1e-3"',
    ]);
    expect(message({ name: 'sgd', lr: { schedule: 'cosine', peak: 1 } })).toEqual([
      'optimizer.lr: invalid schedule (schedule: expected one of "constant" | "linearWarmup" | "cosineDecay" | "warmupCosine" | "stepDecay")',
    ]);
    expect(message({ name: 'sgd', lr: { schedule: 'linearWarmup', peak: 1 } })).toEqual([
      'optimizer.lr: invalid schedule (warmupSteps: expected number, received undefined)',
    ]);
  });

  test('out-of-range values and missing fields', () => {
    expect(message({ name: 'adam', lr: 1e-3, beta1: 1 })).toEqual(['optimizer.beta1: Too big: expected number to be <1']);
    expect(message({ name: 'adamw', lr: 1e-3 })).toEqual([
      'optimizer.weightDecay: expected a number or a schedule {schedule: "constant" | "linearWarmup" | "cosineDecay" | "warmupCosine" | "stepDecay", …}, received nothing',
    ]);
    expect(message({ name: 'masked', params: 'all', transform: { name: 'identity' } })).toEqual([
      'optimizer.params: expected "matrices" or a non-empty list of parameter names',
    ]);
    expect(message({ name: 'masked', params: [], transform: { name: 'identity' } })).toEqual(['optimizer.params: Too small: expected array to have >=1 items']);
  });

  test('the schema embeds in a larger config and reports the full path', () => {
    const result = optimizerConfigSchema.safeParse({ name: 'chain', transforms: [{ name: 'clipByGlobalNorm', maxNorm: -1 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['transforms', 0, 'maxNorm']);
  });

  test('masked names must exist', () => {
    expect(() => buildOptimizer({ name: 'masked', params: ['w', 'q'], transform: { name: 'identity' } }, { shapes })).toThrow(
      'masked: unknown parameter "q"; parameters: w, b',
    );
  });
});
