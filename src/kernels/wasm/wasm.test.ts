import { describe, expect, it } from 'vitest';
import type { Activation } from '../backend.js';
import { jsBackend } from '../js/index.js';
import {
  ABS,
  DTYPES,
  REL,
  checkBiasActivation,
  checkGemm,
  checkLeastSquares,
  checkLstm,
  LEAST_SQUARES_SHAPES,
  checkOffsetDeterminism,
  clone,
  expectClose,
  mulberry32,
  parent,
  randomArray,
  type GemmCase,
} from '../testing.js';
import { loadWasmBackend } from './index.js';

// Every wasm kernel against the JS reference, on shapes chosen to hit the edges of the
// blocking: 1 and primes below / above the 5 × 8 register tile, k = 1, k past the 256-deep
// K block, m past the 200-row M block, n past the 4096-column N block.

const wasm = loadWasmBackend();
const check = (c: GemmCase) => checkGemm(wasm, 'wasm', c);

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [2, 3, 5],
  [3, 1, 17],
  [7, 17, 3],
  [5, 8, 8],
  [10, 5, 16],
  [6, 9, 9],
  [17, 97, 7],
  [97, 129, 33],
  [129, 5, 97],
  [1, 300, 129],
  [97, 1, 1],
  [64, 600, 70],
  [450, 30, 21],
  [3, 4, 4100],
  [4, 0, 5],
];

describe('wasm gemm', () => {
  for (const dtype of DTYPES) {
    for (const [m, k, n] of SHAPES) {
      it(`${dtype} ${m}×${k}×${n}, all transposes, accumulate on and off`, () => {
        let seed = m * 1_000_003 + k * 1009 + n;
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            for (const accumulate of [false, true]) {
              check({ dtype, seed: seed++, m, n, k, transA, transB, accumulate, batch: 1, strideA: 0, strideB: 0, strideC: 0 });
            }
          }
        }
      });
    }

    it(`${dtype} batches with broadcast, gapped and shared strides`, () => {
      const [m, k, n] = [7, 13, 11];
      const cases = [
        { strideA: 0, strideB: k * n, strideC: m * n, accumulate: false },
        { strideA: m * k, strideB: 0, strideC: m * n, accumulate: true },
        { strideA: m * k + 3, strideB: k * n + 1, strideC: m * n + 5, accumulate: false },
        // One C for the whole batch: with accumulate it sums the products (a shared weight's gradient).
        { strideA: m * k, strideB: k * n, strideC: 0, accumulate: true },
        { strideA: m * k, strideB: k * n, strideC: 0, accumulate: false },
      ];
      let seed = 1;
      for (const strides of cases) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            check({ dtype, seed: seed++, m, n, k, transA, transB, batch: 4, ...strides });
          }
        }
      }
    });
  }

  it('is deterministic: same values at other offsets give the same bits', () => checkOffsetDeterminism(wasm, [33, 300, 21]));

  it('grows its memory for large operands and keeps working afterwards', () => {
    for (const [m, k, n] of [
      [600, 700, 9],
      [3, 5, 2],
    ]) {
      check({ dtype: 'f64', seed: m, m, n, k, transA: false, transB: false, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 });
    }
  });

  it('rejects mixed element types and short operands', () => {
    const args = { transA: false, transB: false, m: 2, n: 2, k: 2, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 };
    expect(() => wasm.gemm({ ...args, a: new Float32Array(4), b: new Float64Array(4), c: new Float32Array(4) })).toThrow(TypeError);
    expect(() => wasm.gemm({ ...args, a: new Float32Array(3), b: new Float32Array(4), c: new Float32Array(4) })).toThrow(RangeError);
  });
});

describe('wasm leastSquares', () => {
  it('the same bits as its two GEMMs; js to rounding', () => {
    for (const shape of LEAST_SQUARES_SHAPES) checkLeastSquares(wasm, shape);
  });
});

describe('wasm lstmForward, lstmBackward', () => {
  for (const dtype of DTYPES) it(`${dtype}: js's loops over the wasm GEMM, js to rounding`, () => checkLstm(wasm, 'wasm', dtype));
});

describe('wasm biasActivation', () => {
  const SIZES: [number, number][] = [
    [1, 1],
    [1, 3],
    [2, 4],
    [3, 5],
    [7, 17],
    [97, 129],
  ];
  for (const dtype of DTYPES) {
    for (const [rows, cols] of SIZES) {
      it(`${dtype} ${rows}×${cols}: bit-identical to js for every bias / activation / aliasing`, () => {
        const next = mulberry32(rows * 31 + cols);
        const x = randomArray(dtype, rows * cols, next);
        // NaN, −0 and ±Infinity must come out of relu as in the reference (+0, +0, Inf, 0).
        x.set([NaN, -0, Infinity, -Infinity].slice(0, x.length));
        for (const bias of [null, randomArray(dtype, cols, next)]) {
          for (const act of ['none', 'relu'] as Activation[]) {
            checkBiasActivation(wasm, x, bias, rows, cols, act);
          }
        }
      });
    }
  }
});

describe('wasm biasActivationBackward', () => {
  const SIZES: [number, number][] = [
    [1, 1],
    [1, 3],
    [2, 4],
    [3, 5],
    [7, 17],
    [97, 129],
  ];
  for (const dtype of DTYPES) {
    for (const [rows, cols] of SIZES) {
      it(`${dtype} ${rows}×${cols}: bit-identical to js, with and without the bias gradient`, () => {
        const next = mulberry32(rows * 37 + cols);
        const out = randomArray(dtype, rows * cols, next);
        out.set([NaN, -0, 0, Infinity].slice(0, out.length));
        const gradOut = randomArray(dtype, rows * cols, next);
        for (const withBias of [false, true]) {
          for (const act of ['none', 'relu'] as Activation[]) {
            const expected = [randomArray(dtype, rows * cols, next), withBias ? randomArray(dtype, cols, next) : null] as const;
            const actual = [clone(expected[0]), expected[1] && clone(expected[1])] as const;
            jsBackend.biasActivationBackward(out, gradOut, rows, cols, act, expected[0], expected[1]);
            wasm.biasActivationBackward(out, gradOut, rows, cols, act, actual[0], actual[1]);
            expect(parent(actual[0])).toEqual(parent(expected[0]));
            if (withBias) expect(parent(actual[1]!)).toEqual(parent(expected[1]!));
            if (act === 'relu') expect(actual[0][0]).toBe(0); // NaN output → no gradient
          }
        }
      });
    }
  }
});

describe('wasm softmaxCrossEntropy', () => {
  const SIZES: [number, number][] = [
    [1, 1],
    [1, 2],
    [3, 5],
    [17, 97],
    [64, 7],
    [5, 129],
  ];
  for (const dtype of DTYPES) {
    for (const [rows, cols] of SIZES) {
      it(`${dtype} ${rows}×${cols}`, () => {
        const next = mulberry32(rows * 7919 + cols);
        const logits = randomArray(dtype, rows * cols, next, -20, 20);
        // Logits that overflow exp() unless the row max is subtracted first.
        logits[0] = 1000;
        if (logits.length > 2) logits[2] = -1000;
        const labels = Int32Array.from({ length: rows }, () => Math.floor(next() * cols));
        const scale = 1 / rows;
        const expected = clone(randomArray(dtype, rows * cols, next));
        const actual = clone(expected);
        const lossJs = jsBackend.softmaxCrossEntropy(logits, labels, rows, cols, expected, scale);
        const lossWasm = wasm.softmaxCrossEntropy(logits, labels, rows, cols, actual, scale);
        expect(Math.abs(lossWasm - lossJs)).toBeLessThanOrEqual(1e-12 * Math.abs(lossJs) + ABS);
        expect(wasm.softmaxCrossEntropy(logits, labels, rows, cols, null, scale)).toBe(lossWasm);
        // NOTE: at a row's label softmax − 1 cancels, so the error there is relative to scale.
        expectClose(parent(actual), parent(expected), (i) => REL[dtype] * (Math.abs(parent(expected)[i]) + scale) + ABS, 'wasm softmax gradient');
      });
    }
  }

  it('rejects labels outside [0, cols)', () => {
    expect(() => wasm.softmaxCrossEntropy(new Float32Array(6), Int32Array.of(0, 3), 2, 3, null, 1)).toThrow(RangeError);
  });
});

describe('wasm adamw', () => {
  const LENGTHS = [1, 2, 3, 5, 17, 1000, 1001];
  for (const dtype of DTYPES) {
    for (const length of LENGTHS) {
      it(`${dtype} length ${length}: bit-identical to js`, () => {
        const next = mulberry32(length);
        const param = randomArray(dtype, length, next);
        const grad = randomArray(dtype, length, next);
        const m = randomArray(dtype, length, next, -0.1, 0.1);
        const v = randomArray(dtype, length, next, 0, 0.01);
        const js = [param, grad, m, v].map(clone);
        const wa = [param, grad, m, v].map(clone);
        for (const step of [1, 2, 10]) {
          const args = { lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: step === 2 ? 0 : 1, step };
          jsBackend.adamw(js[0], js[1], js[2], js[3], args);
          wasm.adamw(wa[0], wa[1], wa[2], wa[3], args);
        }
        for (let i = 0; i < 4; i++) expect(parent(wa[i])).toEqual(parent(js[i]));
      });
    }
  }
});
