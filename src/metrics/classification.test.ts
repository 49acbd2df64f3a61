import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor/index.js';
import { accuracy, binaryAccuracy, fractionBelow, perSampleMse } from './index.js';

const t = (rows: number[][], f32 = false) => new Tensor((f32 ? Float32Array : Float64Array).from(rows.flat()), [rows.length, rows[0].length]);

describe('accuracy', () => {
  it('compares the argmax with the labels, ties going to the first maximum', () => {
    const logits = t([
      [1, 3, 2],
      [5, 5, 0],
      [0, 0, 1],
      [2, 1, 0],
    ]);
    expect(accuracy(logits, Int32Array.from([1, 0, 2, 1]))).toBe(0.75);
    expect(accuracy(logits, Int32Array.from([1, 1, 2, 0]))).toBe(0.75); // row 1 predicts 0, not 1
    expect(
      accuracy(
        t(
          [
            [1, 3, 2],
            [5, 5, 0],
          ],
          true,
        ),
        Int32Array.from([1, 0]),
      ),
    ).toBe(1);
  });

  it('counts rows with NaN as wrong', () => {
    expect(
      accuracy(
        t([
          [NaN, 1],
          [1, NaN],
          [2, 1],
        ]),
        Int32Array.from([0, 0, 0]),
      ),
    ).toBe(1 / 3);
  });

  it('rejects bad shapes, labels and empty sets', () => {
    expect(() => accuracy(new Tensor(new Float64Array(3), [3]), new Int32Array(3))).toThrow('accuracy needs logits [N, C], got shape [3]');
    expect(() => accuracy(t([[1, 2]]), new Int32Array(2))).toThrow('accuracy: 2 labels for 1 rows of logits');
    expect(() => accuracy(t([[1, 2]]), Int32Array.from([2]))).toThrow('label 2 at row 0 is outside [0, 2)');
    expect(() => accuracy(new Tensor(new Float64Array(0), [0, 3]), new Int32Array(0))).toThrow('is undefined');
  });
});

describe('binaryAccuracy', () => {
  it('predicts 1 exactly when the logit is positive; NaN is wrong', () => {
    expect(binaryAccuracy(t([[2], [-1], [0], [NaN]]), Int32Array.from([1, 0, 0, 0]))).toBe(0.75);
    expect(binaryAccuracy(new Tensor(Float64Array.from([0.5, 0.5]), [2]), Int32Array.from([1, 0]))).toBe(0.5);
    expect(() => binaryAccuracy(t([[1, 2]]), Int32Array.from([1]))).toThrow('binaryAccuracy needs N logits');
  });
});

describe('fractionBelow and perSampleMse', () => {
  it('counts values strictly below the threshold; NaN never is', () => {
    expect(fractionBelow([1e-4, 2e-3, 5e-4, NaN, 1e-3], 1e-3)).toBe(0.4);
    expect(() => fractionBelow([], 1)).toThrow('fractionBelow of no values is undefined');
  });

  it('averages squared errors over the outputs of each sample (Omnigrok accuracy = fractionBelow of these)', () => {
    const mse = perSampleMse(
      t([
        [1, 2],
        [0, 0],
        [1, 1],
      ]),
      t([
        [0, 0],
        [1, 1],
        [1, 1.01],
      ]),
    );
    expect(Array.from(mse.slice(0, 2))).toEqual([2.5, 1]);
    expect(mse[2]).toBeCloseTo(5e-5, 15);
    expect(fractionBelow(mse, 1e-3)).toBe(1 / 3);
    expect(() => perSampleMse(t([[1, 2]]), t([[1], [2]]))).toThrow('got [1, 2] and [2, 1]');
  });
});
