import { describe, expect, it } from 'vitest';
import * as T from './index.js';

const param = (v: number[], shape = [v.length]) => T.tensor(v, shape, { dtype: 'float64', requiresGrad: true });

describe('autograd', () => {
  it('accumulates through shared subexpressions and across backward calls', () => {
    const x = param([3]);
    const y = T.mul(x, x); // used twice below
    T.add(y, y).backward();
    expect(x.grad!.toArray()).toEqual([12]);
    T.mul(x, 2).backward();
    expect(x.grad!.toArray()).toEqual([14]);
  });

  it('gives every leaf gradient storage of its own, even when the graph shares it', () => {
    const a = param([1, 2]);
    const b = param([3, 4]);
    T.sum(T.add(a, b)).backward();
    expect(a.grad!.data).not.toBe(b.grad!.data);
    a.grad!.data[0] = 99;
    expect(b.grad!.data[0]).toBe(1);
  });

  it('retains no graph after backward', () => {
    const w = param([1, 2, 3, 4], [2, 2]);
    const h = T.relu(T.matmul(w, w));
    const loss = T.sum(h);
    loss.backward();
    expect(loss.node).toBeNull();
    expect(h.node).toBeNull();
    expect(() => loss.backward()).not.toThrow(); // a leaf-like scalar: nothing left to walk
  });

  it('noGrad records nothing', () => {
    const w = param([1, 2]);
    const y = T.noGrad(() => T.mul(w, 3));
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(T.isRecording()).toBe(true);
  });

  it('valueAndGrad leaves .grad alone', () => {
    const w = param([1, 2]);
    const { value, grads } = T.valueAndGrad((p: T.Tensor) => T.sum(T.square(p)))(w);
    expect(value.item()).toBe(5);
    expect(grads[0].toArray()).toEqual([2, 4]);
    expect(w.grad).toBeNull();
  });

  it('needs a seed for non-scalar outputs', () => {
    const w = param([1, 2]);
    expect(() => T.mul(w, 2).backward()).toThrow(/backward: needs a seed gradient for a non-scalar output of shape \[2\]/);
  });

  it('handles deep graphs without recursion limits', () => {
    const x = param([1]);
    let y: T.Tensor = x;
    for (let i = 0; i < 20000; i++) y = T.add(y, 1e-4);
    y.backward();
    expect(x.grad!.item()).toBe(1);
  });
});
