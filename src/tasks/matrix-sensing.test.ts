import { describe, expect, it } from 'vitest';
import { TIKENG_PRESETS } from '../papers/tikeng/presets.js';
import { validateConfig } from '../config/validate.js';
import { deepMerge, type Json } from '../config/merge.js';
import { train } from '../train/loop.js';
import { setupRun } from '../train/setup.js';
import { singularValues } from '../tensor/index.js';
import { matrixSensingProblem } from './estimation-problems.js';
import { matrixSensingData, matrixSensingTaskSchema } from './matrix-sensing.js';

const task = matrixSensingTaskSchema.parse({ name: 'matrix-sensing', rows: 6, cols: 5, rank: 2, measurements: 20, seed: 3 });

describe('matrix sensing', () => {
  it('measures a rank-r A* of Frobenius norm 10 through Gaussian matrices; the gradient matches finite differences', () => {
    const { aStar, X, y } = matrixSensingData(task);
    const sv = singularValues({ data: aStar, shape: [6, 5] });
    expect(Math.hypot(...sv)).toBeCloseTo(10, 10);
    expect(sv[2] / sv[0]).toBeLessThan(1e-12);
    let dot = 0;
    for (let i = 0; i < 30; i++) dot += X[7 * 30 + i] * aStar[i];
    expect(y[7]).toBeCloseTo(dot, 12);
    const problem = matrixSensingProblem(matrixSensingData(task));
    const theta = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i));
    const grad = new Float64Array(30);
    const loss = new Float64Array(1);
    problem.lossAndGrad(theta, 1, grad, loss);
    const at = (t: Float64Array) => {
      const l = new Float64Array(1);
      problem.lossAndGrad(t, 1, new Float64Array(30), l);
      return l[0];
    };
    for (const i of [0, 11, 29]) {
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[i] += 1e-6;
      down[i] -= 1e-6;
      expect(Math.abs((at(up) - at(down)) / 2e-6 - grad[i])).toBeLessThan(1e-6);
    }
    expect(() => matrixSensingTaskSchema.parse({ ...task, rank: 6 })).toThrow(/rank 6 exceeds min\(rows, cols\) = 5/);
  });

  it('groks under a small nuclear-norm penalty (fits early, recovers A* much later, rank falls to 2); without it never recovers', async () => {
    const quick = (optimizer: Json) =>
      validateConfig(
        deepMerge(TIKENG_PRESETS['tikeng-sensing-nuclear'].config as unknown as Json, { optimizer, training: { steps: 60_000, checkpointEvery: 30_000 } }),
      );
    const run = (optimizer: Json) => train(setupRun(quick(optimizer)), { onEvent: () => {}, saveCheckpoint: () => '', stopRequested: () => false });
    const nuclear = await run({
      name: 'chain',
      transforms: [
        { name: 'addNuclearSubgradient', beta: 3e-3 },
        { name: 'sgd', lr: 0.1 },
      ],
    });
    const final = nuclear.evals.at(-1)!.metrics;
    const tGen = nuclear.evals.find((e) => e.metrics.test_error <= 1e-2)!.step;
    const tMem = nuclear.evals.find((e) => e.metrics.train_error <= 1e-2)!.step;
    expect(tGen / tMem).toBeGreaterThan(10);
    expect(final.rank).toBe(2);
    const plain = await run({ name: 'sgd', lr: 0.1 });
    expect(plain.evals.at(-1)!.metrics.train_error).toBeLessThan(1e-8);
    expect(Math.min(...plain.evals.map((e) => e.metrics.test_error))).toBeGreaterThan(0.3);
  });
});
