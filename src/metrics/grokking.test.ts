import { describe, expect, it } from 'vitest';
import type { EvalEvent } from '../runs/events.js';
import { detectGrokking, detectionOptionsSchema, plateauStep, type EvalPoint } from './index.js';

/** Points with train_acc and test_acc at the given steps. */
const run = (steps: number[], train: number[], test: number[]): EvalPoint[] =>
  steps.map((step, i) => ({ step, metrics: { train_acc: train[i], test_acc: test[i] } }));
const steps = [0, 10, 100, 1000, 10000];

describe('detectGrokking: outcome classes', () => {
  it('grok: test crosses long after train', () => {
    const evals = run(steps, [0.1, 0.5, 1, 1, 1], [0.01, 0.02, 0.05, 0.5, 0.995]);
    expect(detectGrokking(evals)).toEqual({ t_mem: 100, t_gen: 10000, delay: 9900, ratio: 100, outcome: 'grok', reading: 'threshold' });
  });

  it('ratio exactly R is grok; below R is generalize', () => {
    const evals = run(steps, [0.1, 0.5, 0.99, 1, 1], [0, 0, 0, 0.99, 1]);
    expect(detectGrokking(evals)).toEqual({ t_mem: 100, t_gen: 1000, delay: 900, ratio: 10, outcome: 'grok', reading: 'threshold' });
    expect(detectGrokking(evals, { ratioThreshold: 11 }).outcome).toBe('generalize');
    expect(detectGrokking(evals, { testThreshold: 0.989 }).outcome).toBe('grok');
    expect(detectGrokking(evals, { testThreshold: 0.991 }).t_gen).toBe(10000);
  });

  it('generalize: both at once', () => {
    const evals = run(steps, [0, 0, 1, 1, 1], [0, 0, 1, 1, 1]);
    expect(detectGrokking(evals)).toEqual({ t_mem: 100, t_gen: 100, delay: 0, ratio: 1, outcome: 'generalize', reading: 'threshold' });
  });

  it('test before train: negative delay, ratio < 1, generalize', () => {
    const evals = run(steps, [0, 0, 0.5, 1, 1], [0, 0, 1, 1, 1]);
    expect(detectGrokking(evals)).toEqual({ t_mem: 1000, t_gen: 100, delay: -900, ratio: 0.1, outcome: 'generalize', reading: 'threshold' });
  });

  it('memorize: test never crosses', () => {
    const evals = run(steps, [0, 1, 1, 1, 1], [0, 0.5, 0.9, 0.98, 0.98]);
    expect(detectGrokking(evals)).toEqual({ t_mem: 10, t_gen: null, delay: null, ratio: null, outcome: 'memorize', reading: 'threshold' });
  });

  it('no-learn: train never crosses, even if test does', () => {
    const evals = run(steps, [0, 0.5, 0.9, 0.9, 0.98], [0, 0, 0, 1, 1]);
    expect(detectGrokking(evals)).toEqual({ t_mem: null, t_gen: 1000, delay: null, ratio: null, outcome: 'no-learn', reading: 'threshold' });
  });

  it('empty list and a single point', () => {
    expect(detectGrokking([])).toEqual({ t_mem: null, t_gen: null, delay: null, ratio: null, outcome: 'no-learn', reading: 'threshold' });
    expect(detectGrokking([], { sustained: true }).outcome).toBe('no-learn');
    expect(detectGrokking(run([5], [1], [1]))).toEqual({ t_mem: 5, t_gen: 5, delay: 0, ratio: 1, outcome: 'generalize', reading: 'threshold' });
    expect(detectGrokking(run([5], [1], [0]))).toEqual({ t_mem: 5, t_gen: null, delay: null, ratio: null, outcome: 'memorize', reading: 'threshold' });
  });

  it('t_mem = 0: ratio is null, never a made-up number; the class follows the limit', () => {
    expect(detectGrokking(run([0, 10], [1, 1], [1, 1]))).toEqual({ t_mem: 0, t_gen: 0, delay: 0, ratio: null, outcome: 'generalize', reading: 'threshold' });
    expect(detectGrokking(run([0, 10, 50], [1, 1, 1], [0, 0, 1]))).toEqual({
      t_mem: 0,
      t_gen: 50,
      delay: 50,
      ratio: null,
      outcome: 'grok',
      reading: 'threshold',
    });
    expect(detectGrokking(run([0, 10], [0, 1], [1, 1]))).toEqual({ t_mem: 10, t_gen: 0, delay: -10, ratio: 0, outcome: 'generalize', reading: 'threshold' });
  });
});

describe('detectGrokking: values and options', () => {
  it('NaN (and null, as JSON writes NaN) never crosses', () => {
    const evals = run([0, 1, 2], [NaN, NaN, 1], [NaN, 1, 1]);
    expect(detectGrokking(evals)).toEqual({ t_mem: 2, t_gen: 1, delay: -1, ratio: 0.5, outcome: 'generalize', reading: 'threshold' });
    const fromJson = JSON.parse(JSON.stringify(run([0, 1], [NaN, 1], [NaN, NaN]))) as EvalPoint[];
    expect(fromJson[0].metrics.train_acc).toBeNull();
    expect(detectGrokking(fromJson)).toMatchObject({ t_mem: 1, t_gen: null, outcome: 'memorize', reading: 'threshold' });
    expect(detectGrokking(run([0, 1], [NaN, 1e-5], [0, 0]), { direction: 'below', trainThreshold: 1e-4 }).t_mem).toBe(1);
    // null would compare as 0, i.e. as a perfect error
    expect(detectGrokking(fromJson, { direction: 'below', trainThreshold: 1e-4, testThreshold: 1e-4 })).toMatchObject({ t_mem: null, t_gen: null });
  });

  it("'below': errors at or under the threshold (Tikeng et al.'s t₁, t₂ at 1e-4)", () => {
    const s = [0, 1e3, 1e4, 1e6];
    const evals = s.map((step, i) => ({ step, metrics: { train_err: [1, 1e-3, 5e-5, 1e-6][i], test_err: [1, 1, 0.5, 1e-4][i] } }));
    const opts = { trainMetric: 'train_err', testMetric: 'test_err', direction: 'below', trainThreshold: 1e-4, testThreshold: 1e-4 } as const;
    expect(detectGrokking(evals, opts)).toEqual({ t_mem: 1e4, t_gen: 1e6, delay: 990000, ratio: 100, outcome: 'grok', reading: 'threshold' });
    expect(detectGrokking(evals, { ...opts, direction: 'above' }).t_mem).toBe(0); // 1 ≥ 1e-4: the wrong direction is visible
  });

  it('sustained ignores spikes; without it the first touch counts', () => {
    const evals = run([0, 1, 2, 3, 4], [0.2, 1, 0.3, 1, 1], [0, 0, 1, 0, 0]);
    expect(detectGrokking(evals)).toEqual({ t_mem: 1, t_gen: 2, delay: 1, ratio: 2, outcome: 'generalize', reading: 'threshold' });
    expect(detectGrokking(evals, { sustained: true })).toEqual({ t_mem: 3, t_gen: null, delay: null, ratio: null, outcome: 'memorize', reading: 'threshold' });
    const last = run([0, 1, 2], [1, 1, 1], [0, 1, 0]);
    expect(detectGrokking(last, { sustained: true }).t_gen).toBeNull();
    expect(detectGrokking(run([0, 1, 2], [1, NaN, 1], [0, 0, 1]), { sustained: true })).toMatchObject({ t_mem: 2, t_gen: 2 });
  });

  it('names a missing metric and lists the available ones', () => {
    const evals = [{ step: 0, metrics: { train_acc: 0.5, loss: 2 } }];
    expect(() => detectGrokking(evals)).toThrow('detectGrokking: metric "test_acc" missing at step 0; available: train_acc, loss');
    expect(() => detectGrokking([{ step: 3, metrics: {} }])).toThrow('metric "train_acc" missing at step 3; available: (none)');
    expect(() => detectGrokking([{ step: 3, metrics: { train_acc: 1, test_acc: 1 } }], { trainMetric: 'toString' })).toThrow('metric "toString" missing');
  });

  it('rejects steps out of order and bad options', () => {
    expect(() => detectGrokking(run([0, 10, 5], [0, 0, 0], [0, 0, 0]))).toThrow('steps must be non-negative and in order, got 5 at evaluation 2 after 10');
    expect(() => detectGrokking(run([-1], [0], [0]))).toThrow('got -1 at evaluation 0');
    expect(() => detectGrokking([], { ratio: 5 } as never)).toThrow(/ratio/);
    expect(() => detectGrokking([], { ratioThreshold: 0 })).toThrow();
    expect(() => detectGrokking([], { direction: 'up' as 'above' })).toThrow();
  });

  it('accepts eval events as they are logged', () => {
    const events: EvalEvent[] = [
      { event: 'eval', step: 0, wall_s: 0, metrics: { train_acc: 0, test_acc: 0 } },
      { event: 'eval', step: 200, wall_s: 1, metrics: { train_acc: 1, test_acc: 1 } },
    ];
    expect(detectGrokking(events).outcome).toBe('generalize');
  });
});

describe('detectGrokking: the plateau reading of estimation errors', () => {
  // An ℓ1 sparse-recovery run at αβ = 1e-5 (10× the preset's), as logged (every 4th evaluation):
  // the train error falls 100× within ~40 steps and sits at ≈ 6e-3, the recovery error falls at
  // t₂ ≈ 5e3 and plateaus at 5.5e-3, proportional to β and above any fixed 1e-3 threshold.
  const steps = [0, 4, 8, 13, 20, 32, 50, 79, 126, 200, 316, 501, 794, 1259, 1995, 3162, 5012, 6310, 7943, 12589, 19953, 31623, 50119, 79433];
  const train = [
    1, 0.251, 0.114, 0.0562, 0.0265, 0.0109, 6.89e-3, 6.4e-3, 6.33e-3, 5.9e-3, 6.24e-3, 6.25e-3, 5.91e-3, 5.79e-3, 5.55e-3, 5.55e-3, 4.15e-3, 3.4e-3, 3.11e-3,
    3.22e-3, 3.34e-3, 3.08e-3, 3.16e-3, 3.12e-3,
  ];
  const test = [
    1, 0.845, 0.827, 0.821, 0.817, 0.813, 0.807, 0.797, 0.783, 0.76, 0.727, 0.677, 0.603, 0.492, 0.344, 0.197, 0.0113, 5.62e-3, 5.57e-3, 5.54e-3, 5.53e-3,
    5.54e-3, 5.56e-3, 5.56e-3,
  ];
  const evals = steps.map((step, i) => ({ step, metrics: { train_error: train[i], test_error: test[i] } }));
  const opts = { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 } as const;
  const relative = { train_error: 1, test_error: 1 };

  it('fixed 1e-3 thresholds call it no-learn; the plateau reading calls it grok, t_gen at the plateau step', () => {
    expect(detectGrokking(evals, { ...opts, mode: 'threshold' }, relative)).toMatchObject({
      t_mem: null,
      t_gen: null,
      outcome: 'no-learn',
      reading: 'threshold',
    });
    const d = detectGrokking(evals, opts, relative);
    expect(d).toEqual({ t_mem: 50, t_gen: 6310, delay: 6260, ratio: 126.2, outcome: 'grok', reading: 'plateau' });
    expect(d.t_gen).toBe(plateauStep(evals, 'test_error'));
  });

  it('auto reads plateaus only where the baselines are known and the metrics are errors', () => {
    expect(detectGrokking(evals, opts).reading).toBe('threshold');
    expect(detectGrokking(evals, opts, { train_error: 1 }).reading).toBe('threshold');
    expect(() => detectGrokking(evals, { ...opts, mode: 'plateau' }, { train_error: 1 })).toThrow(
      'mode "plateau" needs the learned-nothing error of test_error; known for: train_error',
    );
    expect(() => detectGrokking(evals, { ...opts, direction: 'above', mode: 'plateau' }, relative)).toThrow(/reads errors: it needs direction \\"below\\"/);
  });

  it('a plateau above level × baseline has not learned; the baseline scales the level', () => {
    const high = evals.map((e) => ({ step: e.step, metrics: { train_error: e.metrics.train_error * 10, test_error: e.metrics.test_error * 10 } }));
    expect(detectGrokking(high, opts, relative)).toMatchObject({ t_mem: null, t_gen: null, outcome: 'no-learn' });
    expect(detectGrokking(high, { ...opts, level: 0.1 }, relative)).toMatchObject({ t_mem: 50, t_gen: 6310, outcome: 'grok' });
    // an MSE whose zero predictor scores 0.065: the same curve ×0.065 is the same verdict
    const mse = evals.map((e) => ({ step: e.step, metrics: { train_loss: e.metrics.train_error * 0.065, test_loss: e.metrics.test_error * 0.065 } }));
    expect(detectGrokking(mse, { ...opts, trainMetric: 'train_loss', testMetric: 'test_loss' }, { train_loss: 0.065, test_loss: 0.065 })).toMatchObject({
      t_mem: 50,
      t_gen: 6310,
      outcome: 'grok',
    });
  });

  it('an error still falling at the end generalizes from the step it stays under the level', () => {
    const falling = [0, 10, 100, 1000, 10000, 100000].map((step, i) => ({
      step,
      metrics: { train_error: [1, 1e-3, 1e-5, 1e-7, 1e-9, 1e-11][i], test_error: [1, 5e-3, 1e-4, 1e-6, 1e-8, 1e-10][i] },
    }));
    expect(detectGrokking(falling, opts, relative)).toMatchObject({ t_mem: 10, t_gen: 10, outcome: 'generalize', reading: 'plateau' });
  });
});

describe('detectionOptionsSchema', () => {
  it('fills defaults, documents every field and rejects unknown keys', () => {
    expect(detectionOptionsSchema.parse({})).toEqual({
      trainMetric: 'train_acc',
      testMetric: 'test_acc',
      direction: 'above',
      trainThreshold: 0.99,
      testThreshold: 0.99,
      ratioThreshold: 10,
      sustained: false,
      mode: 'auto',
      level: 0.01,
    });
    for (const [key, field] of Object.entries(detectionOptionsSchema.shape)) expect(field.description, key).toMatch(/\w/);
    expect(detectionOptionsSchema.safeParse({ trainTreshold: 0.9 }).success).toBe(false);
    expect(detectionOptionsSchema.safeParse({ trainThreshold: NaN }).success).toBe(false);
  });
});
