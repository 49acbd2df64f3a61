import { describe, expect, it } from 'vitest';
import { NonFiniteError, TensorError } from '../errors.js';
import { randn } from '../testing.js';
import * as T from '../index.js';

const t = (v: number[], shape: number[] = [v.length], dtype: T.DType = 'float64') => T.tensor(v, shape, { dtype });

describe('forward values', () => {
  it('broadcasting binary ops', () => {
    const y = T.add(t([1, 2, 3, 4, 5, 6], [2, 3]), t([10, 20, 30]));
    expect(y.shape).toEqual([2, 3]);
    expect(y.toArray()).toEqual([11, 22, 33, 14, 25, 36]);
    expect(T.mul(t([1, 2], [2, 1]), t([1, 10, 100], [1, 3])).toArray()).toEqual([1, 10, 100, 2, 20, 200]);
    expect(T.sub(5, t([1, 2])).toArray()).toEqual([4, 3]);
  });

  it('reductions over axes', () => {
    const x = t([1, 5, 3, 4, 2, 6], [2, 3]);
    expect(T.sum(x).item()).toBe(21);
    expect(T.sum(x, 0).toArray()).toEqual([5, 7, 9]);
    expect(T.sum(x, 1, true).shape).toEqual([2, 1]);
    expect(T.mean(x, -1).toArray()).toEqual([3, 4]);
    expect(T.max(x, 1).toArray()).toEqual([5, 6]);
    expect(Array.from(T.argmax(x, 1))).toEqual([1, 2]);
    expect(Array.from(T.argmax(x, 0))).toEqual([1, 0, 1]);
    expect(T.logsumexp(t([1000, 1000]), 0).item()).toBeCloseTo(1000 + Math.log(2), 10);
  });

  it('matmul with transposes and an ensemble axis', () => {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = t([1, 0, 0, 1, 1, 1], [3, 2]);
    expect(T.matmul(a, b).toArray()).toEqual([4, 5, 10, 11]);
    expect(T.matmul(a, a, { transB: true }).toArray()).toEqual([14, 32, 32, 77]);
    expect(T.matmul(a, a, { transA: true }).shape).toEqual([3, 3]);
    const e = T.matmul(t([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 2, 3]), b);
    expect(e.shape).toEqual([2, 2, 2]);
    expect(e.toArray()).toEqual([4, 5, 10, 11, 16, 17, 22, 23]);
  });

  it('softmax, logSoftmax and cross-entropy are stable for huge logits', () => {
    const x = t([1e4, 0, -1e4, 1e4], [2, 2]);
    expect(T.softmax(x).toArray()).toEqual([1, 0, 0, 1]);
    expect(T.logSoftmax(x).toArray()[1]).toBe(-1e4);
    expect(T.crossEntropy(x, Int32Array.from([0, 1])).item()).toBe(0);
    expect(T.crossEntropy(t([0, 0, 0, 0], [2, 2]), Int32Array.from([0, 1])).item()).toBeCloseTo(Math.log(2), 14);
  });

  it('one-hot, embedding, concat, slice views', () => {
    expect(T.oneHot(Int32Array.from([2, 0]), 3).toArray()).toEqual([0, 0, 1, 1, 0, 0]);
    const table = t([0, 1, 10, 11, 20, 21], [3, 2]);
    expect(T.embedding(table, Int32Array.from([2, 0])).toArray()).toEqual([20, 21, 0, 1]);
    expect(T.concat([t([1, 2], [1, 2]), t([3, 4], [1, 2])], 1).toArray()).toEqual([1, 2, 3, 4]);
    const s = T.slice(table, 0, 1, 3);
    expect(s.data.buffer).toBe(table.data.buffer);
    expect(s.toArray()).toEqual([10, 11, 20, 21]);
    expect(T.reshape(table, [-1]).data).toBe(table.data);
  });

  it('causal attention ignores future positions', () => {
    const w = [0, 1, 2, 3].map((k) => randn([4, 4], k));
    const att = (x: T.Tensor) => T.causalSelfAttention(x, { wq: w[0], wk: w[1], wv: w[2], wo: w[3] }, 2);
    const x = randn([1, 3, 4], 9);
    const changed = T.tensor(x.data.slice(), x.shape, { dtype: 'float64' });
    changed.data[11] += 5; // last position only
    const a = att(x).toArray();
    const b = att(changed).toArray();
    expect(b.slice(0, 8)).toEqual(a.slice(0, 8));
    expect(b.slice(8)).not.toEqual(a.slice(8));
    const lastOnly = T.causalSelfAttention(x, { wq: w[0], wk: w[1], wv: w[2], wo: w[3] }, 2, { lastQueryOnly: true });
    expect(lastOnly.shape).toEqual([1, 1, 4]);
    lastOnly.toArray().forEach((v, i) => expect(v).toBeCloseTo(a[8 + i], 12));
  });
});

describe('segmentSum', () => {
  it('adds the slices of each segment, leaves empty segments 0', () => {
    const x = t([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const y = T.segmentSum(x, Int32Array.from([2, 0, 2, 0]), 3);
    expect(y.shape).toEqual([3, 2]);
    expect(y.toArray()).toEqual([3 + 7, 4 + 8, 0, 0, 1 + 5, 2 + 6]);
  });
  it('names a wrong segment id or count', () => {
    expect(() => T.segmentSum(t([1, 2]), Int32Array.from([0, 3]), 3)).toThrow(/segmentSum: index 3 at position 1 is out of range \[0, 3\)/);
    expect(() => T.segmentSum(t([1, 2]), Int32Array.from([0]), 3)).toThrow(/segmentSum: 1 segment ids for 2 slices along axis 0/);
  });
});

describe('gatheredLinear', () => {
  const tokens = [Int32Array.from([0, 2, 1, 2, 0]), Int32Array.from([3, 3, 0, 1, 2])];
  it('is the dense layer over the concatenated embeddings of each row', () => {
    const [e, w, b] = [randn([4, 3], 50), randn([6, 5], 51), randn([5], 52)];
    const direct = T.linear(T.concat([T.embedding(e, tokens[0]), T.embedding(e, tokens[1])], 1), w, b, 'relu').toArray();
    const projections = [T.matmul(e, T.slice(w, 0, 0, 3)), T.matmul(e, T.slice(w, 0, 3, 6))];
    const gathered = T.gatheredLinear(projections, tokens, b, 'relu');
    expect(gathered.shape).toEqual([5, 5]);
    gathered.toArray().forEach((v, i) => expect(v).toBeCloseTo(direct[i], 12));
  });
  it('names a token out of range, mismatched lengths and shapes', () => {
    const p = randn([4, 5], 53);
    expect(() => T.gatheredLinear([p, p], [tokens[0], Int32Array.from([0, 1, 4, 0, 0])])).toThrow(
      /gatheredLinear: token 4 at row 2 of position 1 is out of range \[0, 4\)/,
    );
    expect(() => T.gatheredLinear([p, p], [tokens[0], Int32Array.from([0])])).toThrow(/gatheredLinear: token arrays differ in length \(5 and 1\)/);
    expect(() => T.gatheredLinear([p, randn([4, 2], 54)], tokens)).toThrow(/gatheredLinear: projections must be \[vocab, 5\]/);
    expect(() => T.gatheredLinear([p], tokens)).toThrow(/gatheredLinear: needs one token array per projection, got 2 for 1/);
  });
});

describe('bad input is a clear error', () => {
  it('names the op and the shapes', () => {
    expect(() => T.add(t([1, 2, 3]), t([1, 2]))).toThrow(/add: shapes \[3\] and \[2\] cannot be broadcast/);
    expect(() => T.matmul(t([1, 2, 3, 4, 5, 6], [2, 3]), t([1, 2, 3, 4], [2, 2]))).toThrow(/matmul: inner dimensions differ: \[2, 3\] · \[2, 2\]/);
    expect(() => T.reshape(t([1, 2, 3]), [2, 2])).toThrow(/reshape: cannot reshape \[3\]/);
    expect(() => T.sum(t([1, 2]), 3)).toThrow(/sum: axis 3 is out of range/);
    expect(() => T.embedding(t([1, 2], [1, 2]), Int32Array.from([1]))).toThrow(/take: index 1 at position 0 is out of range \[0, 1\)/);
    expect(() => T.crossEntropy(t([1, 2], [1, 2]), Int32Array.from([5]))).toThrow(/crossEntropy: label 5/);
    expect(() => T.tensor([1, 2, 3], [2, 2])).toThrow(TensorError);
    expect(() => T.full([2], 0, { dtype: 'int8' as T.DType })).toThrow(/unknown dtype "int8"; allowed: "float32", "float64"/);
  });

  it('refuses to mix dtypes silently', () => {
    expect(() => T.add(t([1], [1], 'float32'), t([1], [1], 'float64'))).toThrow(/add: dtype mismatch: float32\[1\] and float64\[1\]; cast one/);
    expect(T.add(T.cast(t([1], [1], 'float32'), 'float64'), t([1], [1])).dtype).toBe('float64');
  });

  it('reports NaN from ops that promise a well-defined result', () => {
    expect(() => T.softmax(t([1, NaN]))).toThrow(NonFiniteError);
    expect(() => T.softmax(t([1, NaN]))).toThrow(/softmax: NaN result \(an input of shape \[2\] already contains NaN\)/);
    expect(() => T.crossEntropy(t([NaN, 0], [1, 2]), Int32Array.from([0]))).toThrow(/crossEntropy: NaN result/);
    expect(() => T.mse(t([Infinity]), t([0]))).toThrow(NonFiniteError);
  });
});
