import { afterAll, describe, expect, it } from 'vitest';
import type { Activation } from '../backend.js';
import { jsBackend } from '../js/index.js';
import {
  ABS,
  DTYPES,
  REL,
  checkAttention,
  checkLayerNorm,
  checkLstm,
  checkElementwise,
  checkBiasActivation,
  checkJacobiSweeps,
  checkLeastSquares,
  checkScaleBlocks,
  LEAST_SQUARES_SHAPES,
  checkGemm,
  checkOffsetDeterminism,
  clone,
  expectClose,
  expectSameValues,
  mulberry32,
  parent,
  randomArray,
  type Dtype,
  type GemmCase,
} from '../testing.js';
import { loadNativeBackend, type NativeBackend } from './index.js';

// Every native kernel, on every instruction set this CPU runs (the portable path always), against
// the JS reference; shapes chosen to hit the edges of the blocking: 1, primes, 97 and 4704,
// below and above the register tiles (6 × 16, 12 × 32, 4 × 8), k past the 256/512-deep K
// block, m past the M block, n past the N block.

// Runs in the native project only (vitest.config.ts), which exists when the addon was built or in CI.
const native = loadNativeBackend();
const check = (c: GemmCase) => checkGemm(native, native.isa(), c);

// [m, k, n]: up to m·n·k = 4096 the unpacked path, above it the packed one.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [2, 3, 5],
  [3, 1, 17],
  [7, 17, 3],
  [1, 32, 3],
  [3, 1, 32],
  [97, 1, 1],
  [4, 0, 5],
  [6, 100, 16],
  [12, 50, 32],
  [13, 90, 33],
  [11, 40, 15],
  [17, 97, 7],
  [97, 129, 33],
  [129, 5, 97],
  [1, 300, 129],
  [64, 600, 70],
  [25, 1100, 49],
  [450, 30, 21],
  [3, 4, 4100],
  [4704, 3, 97],
  [5, 4704, 3],
];

describe('native backend', () => {
  const best = native.isa();
  afterAll(() => native.useIsa(best));

  for (const isa of native.supportedIsas()) {
    describe(`${isa} kernels`, () => {
      for (const dtype of DTYPES) {
        it(`gemm ${dtype}: every shape, transpose and accumulate agrees with js`, () => {
          native.useIsa(isa);
          for (const [m, k, n] of SHAPES) {
            let seed = m * 1_000_003 + k * 1009 + n;
            for (const transA of [false, true]) {
              for (const transB of [false, true]) {
                for (const accumulate of [false, true]) {
                  check({ dtype, seed: seed++, m, n, k, transA, transB, accumulate, batch: 1, strideA: 0, strideB: 0, strideC: 0 });
                }
              }
            }
          }
        });

        it(`gemm ${dtype}: batches with broadcast, gapped and shared strides, unpacked and packed`, () => {
          native.useIsa(isa);
          for (const [m, k, n] of [
            [7, 13, 19],
            [29, 70, 45],
          ]) {
            const cases = [
              { strideA: 0, strideB: k * n, strideC: m * n, accumulate: false },
              { strideA: m * k, strideB: 0, strideC: m * n, accumulate: true },
              { strideA: m * k + 3, strideB: k * n + 1, strideC: m * n + 5, accumulate: false },
              // One C for the whole batch: with accumulate it sums the products (a shared weight's gradient).
              { strideA: m * k, strideB: k * n, strideC: 0, accumulate: true },
              { strideA: m * k, strideB: k * n, strideC: 0, accumulate: false },
            ];
            let seed = m;
            for (const strides of cases) {
              for (const transA of [false, true]) {
                for (const transB of [false, true]) {
                  check({ dtype, seed: seed++, m, n, k, transA, transB, batch: 4, ...strides });
                }
              }
            }
          }
        });

        it(`fused kernels ${dtype}: bit-identical to js (softmax to rounding)`, () => {
          native.useIsa(isa);
          checkFused(native, dtype);
        });

        it(`scaleBlocks ${dtype}: every mode bit-identical to js`, () => checkScaleBlocks(native, dtype));
        it(`elementwise ${dtype}: tiled ops, scatterAdd, gather, sumAxis and copyRows bit-identical to js`, () => {
          native.useIsa(isa);
          checkElementwise(native, isa, dtype);
        });

        if (dtype === 'f64') {
          it('leastSquares: one call, the same bits as its two GEMMs; js to rounding', () => {
            for (const shape of LEAST_SQUARES_SHAPES) checkLeastSquares(native, shape);
          });
          it('jacobiSweeps: bit-identical to js, rank-deficient matrices included', () => checkJacobiSweeps(native));
        }
        it(`attention ${dtype}: forward and backward agree with js`, () => {
          native.useIsa(isa);
          checkAttention(native, isa, dtype);
        });
        it(`layerNorm ${dtype}: forward and backward agree with js to rounding`, () => {
          native.useIsa(isa);
          checkLayerNorm(native, isa, dtype);
        });
        it(`lstmForward, lstmBackward ${dtype}: agree with js to rounding`, () => {
          native.useIsa(isa);
          checkLstm(native, isa, dtype);
        });
      }
    });
  }

  it('the portable path matches the SIMD paths to rounding', () => {
    const [m, k, n] = [97, 700, 131];
    const next = mulberry32(11);
    const a = randomArray('f32', m * k, next);
    const b = randomArray('f32', k * n, next);
    const args = { transA: false, transB: true, m, n, k, a, b, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 };
    const results = native.supportedIsas().map((isa) => {
      native.useIsa(isa);
      const c = new Float32Array(m * n);
      native.gemm({ ...args, c });
      return c;
    });
    const bound = new Float32Array(m * n);
    jsBackend.gemm({ ...args, a: a.map(Math.abs), b: b.map(Math.abs), c: bound });
    const portable = results[results.length - 1];
    for (const c of results) expectClose(c, portable, (i) => 2 * REL.f32 * bound[i], 'SIMD vs portable');
    // The paths round differently (fused multiply-adds, blocking), and that is the only difference.
    if (results.length > 1) expect(results[0]).not.toEqual(portable);
  });

  it('is deterministic: the same values at other offsets give the same bits', () => checkOffsetDeterminism(native, [33, 1300, 21]));

  it('gives the same bits on two threads as on one, splitting rows or columns, never k', () => {
    const cases = [
      { m: 301, k: 600, n: 70, transA: false, transB: true, batch: 1, strideC: 0 }, // rows split
      { m: 40, k: 300, n: 517, transA: true, transB: false, batch: 1, strideC: 0 }, // columns split
      { m: 97, k: 700, n: 113, transA: true, transB: true, batch: 3, strideC: 0 }, // one C for the batch
    ];
    for (const [i, { m, k, n, transA, transB, batch, strideC }] of cases.entries()) {
      const next = mulberry32(100 + i);
      const a = randomArray('f32', batch * m * k, next);
      const b = randomArray('f32', batch * k * n, next);
      const [one, two] = [1, 2].map((threads) => {
        native.useThreads(threads);
        const c = new Float32Array(m * n).fill(1);
        native.gemm({ transA, transB, m, n, k, a, b, c, accumulate: true, batch, strideA: m * k, strideB: k * n, strideC });
        return c;
      });
      expect(two).toEqual(one);
    }
    expect(native.useThreads(1)).toBe(1);
  });

  it('runs an LSTM layer to the same bits on two threads as on one', () => {
    // 50 × 256 × 1024 per step: past the threshold where each step's GEMM splits its columns.
    const [steps, rows, hidden] = [3, 50, 256];
    const next = mulberry32(7);
    const projected = randomArray('f32', steps * rows * 4 * hidden, next, -2, 2);
    const whh = randomArray('f32', hidden * 4 * hidden, next, -1 / 16, 1 / 16);
    const dOut = randomArray('f32', steps * rows * hidden, next);
    const [one, two] = [1, 2].map((threads) => {
      native.useThreads(threads);
      const acts = clone(projected);
      const [cells, hs] = [0, 1].map(() => new Float32Array(steps * rows * hidden));
      const dGates = new Float32Array(steps * rows * 4 * hidden);
      native.lstmForward(acts, whh, steps, rows, hidden, cells, hs);
      native.lstmBackward(acts, cells, whh, dOut, steps, rows, hidden, dGates);
      return [acts, cells, hs, dGates];
    });
    ['acts', 'cells', 'hs', 'dGates'].forEach((name, i) => expectSameValues(two[i], one[i], `LSTM ${name} on two threads`));
    expect(native.useThreads(1)).toBe(1);
  });

  it('rejects mixed element types, short operands and bad labels before touching memory', () => {
    const args = { transA: false, transB: false, m: 2, n: 2, k: 2, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 };
    expect(() => native.gemm({ ...args, a: new Float32Array(4), b: new Float64Array(4), c: new Float32Array(4) })).toThrow(TypeError);
    expect(() => native.gemm({ ...args, a: new Float32Array(3), b: new Float32Array(4), c: new Float32Array(4) })).toThrow('a has 3 elements, needs 4');
    expect(() => native.gemm({ ...args, batch: 2, strideC: 4, a: new Float32Array(4), b: new Float32Array(4), c: new Float32Array(7) })).toThrow(RangeError);
    expect(() => native.gemm({ ...args, m: -1, a: new Float32Array(4), b: new Float32Array(4), c: new Float32Array(4) })).toThrow(TypeError);
    expect(() => native.biasActivation(new Float32Array(6), new Float32Array(2), 2, 3, 'relu', new Float32Array(6))).toThrow(RangeError);
    expect(() => native.softmaxCrossEntropy(new Float32Array(6), Int32Array.of(0, 3), 2, 3, null, 1)).toThrow('label 3 of row 1 is not in [0, 3)');
    expect(() =>
      native.adamw(new Float32Array(3), new Float32Array(3), new Float32Array(2), new Float32Array(3), {
        lr: 1,
        beta1: 0.9,
        beta2: 0.9,
        eps: 1,
        weightDecay: 0,
        step: 1,
      }),
    ).toThrow(RangeError);
    expect(() => native.tiled('add', new Float32Array(600), 600, new Float32Array(7), 7, new Float32Array(600))).toThrow(
      'periods 600 and 7 do not tile 600 elements',
    );
    expect(() => native.tiled('mul', new Float32Array(600), 600, new Float32Array(5), 6, new Float32Array(600))).toThrow('b has 5 elements, needs 6');
    expect(() => native.scatterAdd(new Float32Array(1200), Int32Array.of(0, 5), 1, 5, 600, new Float32Array(3000))).toThrow(
      'index 5 at position 1 is not in [0, 5)',
    );
    expect(() => native.gather(new Float32Array(3000), Int32Array.of(-1, 0), 1, 5, 600, new Float32Array(1200))).toThrow(
      'index -1 at position 0 is not in [0, 5)',
    );
    expect(() => native.copyRows(new Float32Array(1000), 600, new Float32Array(1200), 600, 2, 500)).toThrow('src has 1000 elements, needs 1100');
    const shape = { batch: 2, heads: 2, dHead: 3, queries: 1, keys: 4, scale: 1, causal: true };
    const [q, kv, p] = [12, 48, 16].map((n) => new Float32Array(n));
    expect(() => native.attention(shape, q, kv, new Float32Array(47), q, p)).toThrow('v has 47 elements, needs 48');
    expect(() => native.attention({ ...shape, queries: 5 }, kv, kv, kv, kv, kv)).toThrow('queries (5) must not exceed keys (4)');
    expect(() => native.attentionBackward(shape, q, kv, kv, new Float32Array(15), q, q, kv, kv)).toThrow(RangeError);
    const [row, stats] = [new Float32Array(8), new Float64Array(4)];
    expect(() => native.layerNorm(row, row, new Float32Array(3), 2, 4, 1e-5, row, stats)).toThrow('beta has 3 elements, needs 4');
    expect(() => native.layerNorm(row, row, row, 2, 4, 1e-5, row, new Float64Array(3))).toThrow('stats has 3 elements, needs 4');
    expect(() => native.layerNorm(row, row, row, 2, 4, 1e-5, row, new Float32Array(4) as unknown as Float64Array)).toThrow(TypeError);
    expect(() => native.layerNormBackward(row, row, stats, new Float32Array(7), 2, 4, row, row, row)).toThrow('gradOut has 7 elements, needs 8');
    const f64 = (n: number) => new Float64Array(n);
    expect(() => native.scaleBlocks('sign', f64(3), f64(700), f64(700))).toThrow('must have equal lengths that split into 3 blocks');
    expect(() => native.jacobiSweeps(f64(23), 2, 3, 4, f64(32), 1e-15, f64(2), 60, new Int32Array(2))).toThrow('w has 23 elements, needs 24');
    expect(() => native.jacobiSweeps(f64(24), 2, 3, 4, null, 1e-15, f64(2), 60, new Int32Array(1))).toThrow('sweeps has 1 elements, needs 2');
    expect(() => native.scaleBlocks('axpy', f64(2), f64(600), f64(700))).toThrow(TypeError);
    expect(() => native.leastSquares(f64(6), f64(12), f64(4), 2, 4, 3, f64(8), f64(5), f64(2))).toThrow('grad has 5 elements, needs 6');
    expect(() => native.leastSquares(new Float32Array(6) as unknown as Float64Array, f64(12), f64(4), 2, 4, 3, f64(8), f64(6), f64(2))).toThrow(TypeError);
  });

  it('refuses an instruction set this CPU cannot run, naming the ones it can', () => {
    expect(() => native.useIsa('sse9')).toThrow(/cannot run the "sse9" kernels; it can run .*generic/);
  });
});

/** biasActivation, its backward and adamw must match the reference bit for bit; softmax to rounding. */
function checkFused(native: NativeBackend, dtype: Dtype): void {
  for (const [rows, cols] of [
    [1, 1],
    [1, 3],
    [2, 4],
    [3, 5],
    [7, 17],
    [97, 129],
    [5, 512],
  ]) {
    const next = mulberry32(rows * 31 + cols);
    const x = randomArray(dtype, rows * cols, next);
    // NaN, −0 and ±Infinity must come out of relu as in the reference (+0, +0, Inf, 0).
    x.set([NaN, -0, Infinity, -Infinity].slice(0, x.length));
    const gradOut = randomArray(dtype, rows * cols, next);
    for (const bias of [null, randomArray(dtype, cols, next)]) {
      for (const act of ['none', 'relu'] as Activation[]) {
        checkBiasActivation(native, x, bias, rows, cols, act);

        const gradBias = bias && randomArray(dtype, cols, next);
        const want = [randomArray(dtype, rows * cols, next), gradBias] as const;
        const got = [clone(want[0]), gradBias && clone(gradBias)] as const;
        jsBackend.biasActivationBackward(x, gradOut, rows, cols, act, want[0], want[1]);
        native.biasActivationBackward(x, gradOut, rows, cols, act, got[0], got[1]);
        expect(parent(got[0])).toEqual(parent(want[0]));
        if (gradBias) expect(parent(got[1]!)).toEqual(parent(want[1]!));
      }
    }

    const logits = randomArray(dtype, rows * cols, next, -20, 20);
    // Logits that overflow exp() unless the row max is subtracted first.
    logits[0] = 1000;
    if (logits.length > 2) logits[2] = -1000;
    const labels = Int32Array.from({ length: rows }, () => Math.floor(next() * cols));
    const scale = 1 / rows;
    const expected = randomArray(dtype, rows * cols, next);
    const actual = clone(expected);
    const lossJs = jsBackend.softmaxCrossEntropy(logits, labels, rows, cols, expected, scale);
    const lossNative = native.softmaxCrossEntropy(logits, labels, rows, cols, actual, scale);
    expect(Math.abs(lossNative - lossJs)).toBeLessThanOrEqual(1e-12 * Math.abs(lossJs) + ABS);
    expect(native.softmaxCrossEntropy(logits, labels, rows, cols, null, scale)).toBe(lossNative);
    // NOTE: at a row's label softmax − 1 cancels, so the error there is relative to scale.
    expectClose(parent(actual), parent(expected), (i) => REL[dtype] * (Math.abs(parent(expected)[i]) + scale) + ABS, 'softmax gradient');
  }

  for (const length of [1, 2, 3, 17, 1001]) {
    const next = mulberry32(length);
    const state = [
      randomArray(dtype, length, next),
      randomArray(dtype, length, next),
      randomArray(dtype, length, next, -0.1, 0.1),
      randomArray(dtype, length, next, 0, 0.01),
    ];
    const js = state.map(clone);
    const nat = state.map(clone);
    for (const step of [1, 2, 10]) {
      const args = { lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: step === 2 ? 0 : 1, step };
      jsBackend.adamw(js[0], js[1], js[2], js[3], args);
      native.adamw(nat[0], nat[1], nat[2], nat[3], args);
    }
    for (let i = 0; i < 4; i++) expect(parent(nat[i])).toEqual(parent(js[i]));
  }
}
