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

  it('adds into a summed gradient in place only until it is handed on', () => {
    // t's gradient is a sum of two terms, which add() passes on as one tensor to both u and w;
    // u then receives q's term and w sum(w)'s: neither may see the other's.
    const x = param([1, 2]);
    const w = T.mul(x, 5);
    const u = T.mul(x, 3);
    const q = T.mul(u, 2);
    const t = T.add(u, w);
    T.add(T.add(T.sum(w), T.sum(q)), T.sum(T.mul(t, t))).backward();
    // d/dx = 2·8x·8 + 5 + 6
    expect(x.grad!.toArray()).toEqual([128 * 1 + 11, 128 * 2 + 11]);
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
