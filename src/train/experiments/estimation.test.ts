import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deepMatrix } from '../../models/estimators/matrix-product.js';
import { diagonalLinear } from '../../models/estimators/diagonal.js';
import type { Estimator } from '../../models/estimators/estimator.js';
import { normal, key } from '../../random/index.js';
import { completionConfig, sparseConfig } from '../../papers/tikeng/configs.js';
import type { EvalEvent } from '../../runs/events.js';
import { RunDir } from '../../runs/store.js';
import { matrixCompletionProblem, sparseRecoveryProblem, type EstimationProblem } from '../../tasks/estimation-problems.js';
import { matrixCompletionData } from '../../tasks/matrix-completion.js';
import { sparseRecoveryData } from '../../tasks/sparse-recovery.js';
import type { RunConfig } from '../../config/schema.js';
import { runEnsemble } from '../ensemble.js';
import { EstimationEnsemble } from './estimation.js';
import { train } from '../loop.js';
import { setupRun } from '../setup.js';

const gaussian = (seed: number) => (n: number) => normal(key(seed), n, 'float64') as Float64Array;
const tmp = mkdtempSync(join(tmpdir(), 'groklab-ensemble-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** (f(x + h·e_i) − f(x − h·e_i)) / 2h, leaving x as it was. */
function centralDifference(x: Float64Array, i: number, f: () => number, h = 1e-6): number {
  const saved = x[i];
  x[i] = saved + h;
  const up = f();
  x[i] = saved - h;
  const down = f();
  x[i] = saved;
  return (up - down) / (2 * h);
}

/** Central finite differences of L(params) = Σ c·θ(params) against backward(c), over E members. */
function checkEstimator(estimator: Estimator, members: number) {
  const params = Object.fromEntries(
    Object.keys(estimator.shapes).map((name, i) => {
      const one = estimator.shapes[name].reduce((a, b) => a * b, 1);
      return [name, gaussian(10 + i)(members * one)];
    }),
  );
  const c = gaussian(99)(members * estimator.size);
  const theta = new Float64Array(members * estimator.size);
  const value = () => {
    estimator.forward(params, members, theta);
    return theta.reduce((acc, t, i) => acc + t * c[i], 0);
  };
  value();
  const grads = Object.fromEntries(Object.entries(params).map(([n, p]) => [n, new Float64Array(p.length)]));
  estimator.backward(params, members, c, grads);
  let worst = 0;
  for (const [name, p] of Object.entries(params)) {
    for (let i = 0; i < p.length; i += 7)
      worst = Math.max(worst, Math.abs(centralDifference(p, i, value) - grads[name][i]) / Math.max(1, Math.abs(grads[name][i])));
  }
  return worst;
}

function checkProblem(problem: EstimationProblem, members: number) {
  const theta = gaussian(5)(members * problem.size);
  const grad = new Float64Array(theta.length);
  const losses = new Float64Array(members);
  problem.lossAndGrad(theta, members, grad, losses);
  const total = () => {
    const l = new Float64Array(members);
    problem.lossAndGrad(theta, members, new Float64Array(theta.length), l);
    return l.reduce((a, b) => a + b, 0);
  };
  let worst = 0;
  for (let i = 0; i < theta.length; i += 3) worst = Math.max(worst, Math.abs(centralDifference(theta, i, total) - grad[i]));
  return worst;
}

describe('estimators and estimation objectives', () => {
  it('diagonal linear networks of depth 1–4: hand-written gradients match finite differences, over an ensemble axis', () => {
    for (const depth of [1, 2, 3, 4])
      expect(checkEstimator(diagonalLinear({ name: 'diagonal-linear', depth, init: 'ones', initScale: 1 }, 6), 3)).toBeLessThan(1e-7);
  });

  it('deep matrix factorizations of depth 1–3 (square and rectangular): gradients match finite differences', () => {
    for (const depth of [1, 2, 3]) {
      expect(checkEstimator(deepMatrix({ name: 'deep-matrix', depth, init: 'gaussian', initScale: 1 }, 4, 4), 2)).toBeLessThan(1e-7);
      expect(checkEstimator(deepMatrix({ name: 'deep-matrix', depth, init: 'gaussian', initScale: 1 }, 3, 5), 2)).toBeLessThan(1e-7);
    }
  });

  it('sparse recovery ½‖Xa − y‖² and completion ½‖P_Ω(A − A*)‖²: gradients match finite differences', () => {
    const sparse = sparseRecoveryData({ name: 'sparse-recovery', n: 12, s: 2, N: 5, designVariance: '1/N', coherence: 0.4, snr: 1e4, seed: 1 });
    expect(checkProblem(sparseRecoveryProblem(sparse), 3)).toBeLessThan(1e-7);
    const completion = matrixCompletionData({ name: 'matrix-completion', rows: 5, cols: 4, rank: 2, observed: 12, frobenius: 10, leverage: 0.5, seed: 2 });
    expect(completion.mask.reduce((a, b) => a + b, 0)).toBe(12);
    expect(checkProblem(matrixCompletionProblem(completion), 2)).toBeLessThan(1e-7);
  });

  it('data selection: coherent rows are distinct coordinate vectors; leverage sampling takes the top-scored entries', () => {
    const { X } = sparseRecoveryData({ name: 'sparse-recovery', n: 20, s: 3, N: 10, designVariance: '1/N', coherence: 0.5, snr: null, seed: 3 });
    const ones = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const row = Array.from(X.subarray(i * 20, (i + 1) * 20));
      expect(row.filter((v) => v === 0).length).toBe(19);
      ones.add(row.indexOf(1));
    }
    expect(ones.size).toBe(5);
  });
});

/** Runs the configs as one ensemble and checks that each member logged what it logs alone. */
async function expectMembersAsAlone(configs: RunConfig[], name: string) {
  const summaries = await runEnsemble(configs.map((config, e) => ({ config, out: join(tmp, `${name}-${e}`) })));
  expect(summaries).toHaveLength(configs.length);
  for (const [e, config] of configs.entries()) {
    const alone = await train(setupRun(config), { onEvent: () => {}, saveCheckpoint: () => '', stopRequested: () => false });
    const events = RunDir.open(join(tmp, `${name}-${e}`)).readEvents();
    expect(events.at(-1)).toMatchObject({ event: 'done', status: alone.done.status, step: alone.done.step });
    const logged = events.filter((x): x is EvalEvent => x.event === 'eval');
    expect(logged.map((x) => x.step)).toEqual(alone.evals.map((x) => x.step));
    logged.forEach((x, i) => {
      for (const [metric, v] of Object.entries(alone.evals[i].metrics)) {
        // a diverged member's last metrics are non-finite (JSON stores them as null)
        if (!Number.isFinite(v)) expect(Number.isFinite(x.metrics[metric])).toBe(false);
        else expect(x.metrics[metric]).toBeCloseTo(v, 10);
      }
    });
  }
  return summaries;
}

describe('ensembles as one computation', () => {
  it('a member of a 3-run ensemble (different α, β, ζ, seed) logs the metrics of the same run trained alone', async () => {
    await expectMembersAsAlone(
      [
        sparseConfig({ alpha: 0.1, beta: 1e-4, steps: 3000, N: 20 }),
        sparseConfig({ alpha: 0.05, beta: 3e-4, zeta: 1e-3, steps: 3000, N: 20 }),
        sparseConfig({ alpha: 0.08, beta: 2e-5, steps: 3000, N: 20, seed: 2 }),
      ],
      'sparse',
    );
  });

  it('a diverging member stops alone: the nuclear-norm members beside it train as if it were not there', async () => {
    const summaries = await expectMembersAsAlone(
      [
        completionConfig({ alpha: 0.1, beta: 1e-3, steps: 2000 }),
        completionConfig({ alpha: 5, beta: 1e-3, steps: 2000 }),
        completionConfig({ alpha: 0.3, beta: 1e-2, steps: 2000 }),
      ],
      'completion',
    );
    expect(summaries.map((s) => s.status)).toEqual(['completed', 'diverged', 'completed']);
  });

  it('a member whose parameters hold NaN is frozen as it is; the nuclear-norm SVD never sees it', () => {
    const configs = [completionConfig({ beta: 1e-2 }), completionConfig({ beta: 1e-3 })];
    const ensemble = new EstimationEnsemble(configs);
    const alone = new EstimationEnsemble([configs[1]]);
    const broken = ensemble.members[0].arrays.w1 as Float64Array;
    broken[3] = NaN;
    const before = Array.from(broken);
    for (let i = 0; i < 20; i++) {
      expect(Number.isNaN(ensemble.step()[0])).toBe(true);
      alone.step();
    }
    expect(Array.from(broken)).toEqual(before);
    expect(Array.from(ensemble.members[1].arrays.w1)).toEqual(Array.from(alone.members[0].arrays.w1));
  });

  it('refuses members that differ in more than seed, ζ and optimizer hyper-parameters, naming the member', async () => {
    await expect(
      runEnsemble([
        { config: sparseConfig({ N: 20 }), out: join(tmp, 'a') },
        { config: sparseConfig({ N: 25 }), out: join(tmp, 'b') },
      ]),
    ).rejects.toThrow(/member 1 differs/);
    await expect(
      runEnsemble([
        { config: completionConfig(), out: join(tmp, 'c') },
        { config: sparseConfig(), out: join(tmp, 'd') },
      ]),
    ).rejects.toThrow(/member 1 differs/);
    // β = 0 is plain sgd, not the ℓ1 chain: different transforms, so a different ensemble
    await expect(
      runEnsemble([
        { config: sparseConfig({ beta: 1e-5 }), out: join(tmp, 'e') },
        { config: sparseConfig({ beta: 0 }), out: join(tmp, 'f') },
      ]),
    ).rejects.toThrow(/member 1 differs/);
  });
});
