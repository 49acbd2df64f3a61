import { describe, expect, it } from 'vitest';
import * as T from './index.js';
import { releaseIdleBuffers } from './memory.js';

const big = 8192; // above the pooling threshold

describe('tidy', () => {
  it('recycles buffers and poisons the tensors that used them', () => {
    const x = T.full([big], 1, { dtype: 'float64' });
    let inner: T.Tensor | null = null;
    const kept = T.tidy(() => {
      inner = T.mul(x, 2);
      return T.add(inner, 1);
    });
    expect(inner!.released).toBe(true);
    expect(() => inner!.data).toThrow(/released when its tidy\(\) scope ended/);
    expect(kept.released).toBe(false);
    expect(kept.data[0]).toBe(3);
    // The next scope reuses the recycled buffer, zeroed: the kept result is untouched.
    const again = T.tidy(() => T.sum(T.mul(x, 5)).item());
    expect(again).toBe(5 * big);
    expect(kept.data[big - 1]).toBe(3);
  });

  it('reuses an idle buffer until the idle buffers are released', () => {
    const x = T.full([big], 1, { dtype: 'float64' });
    const bufferOf = () => {
      let buffer: ArrayBufferLike | null = null;
      T.tidy(() => {
        buffer = T.mul(x, 2).data.buffer;
      });
      return buffer!;
    };
    const first = bufferOf();
    expect(bufferOf()).toBe(first);
    releaseIdleBuffers();
    expect(bufferOf()).not.toBe(first);
  });

  it('keeps gradients left on parameters created outside the scope', () => {
    const w = T.full([big], 2, { dtype: 'float64', requiresGrad: true });
    T.tidy(() => {
      T.sum(T.square(w)).backward();
    });
    expect(w.grad!.released).toBe(false);
    expect(w.grad!.data[0]).toBe(4);
  });

  it('keeps tensors returned inside arrays and objects, and views of kept buffers', () => {
    const x = T.full([2, big], 1, { dtype: 'float32' });
    const { a, b } = T.tidy(() => {
      const y = T.add(x, 1);
      return { a: [T.slice(y, 0, 1, 2)], b: T.mul(x, 3) };
    });
    expect(a[0].data[0]).toBe(2);
    expect(b.data[0]).toBe(3);
  });

  it('nested scopes hand kept buffers to the outer scope', () => {
    const x = T.full([big], 1, { dtype: 'float64' });
    let middle: T.Tensor | null = null;
    const outer = T.tidy(() => {
      middle = T.tidy(() => T.add(x, 1));
      expect(middle.released).toBe(false);
      return T.sum(middle).item();
    });
    expect(outer).toBe(2 * big);
    expect(middle!.released).toBe(true);
  });

  it('releases everything when the scope throws', () => {
    const x = T.full([big], 1, { dtype: 'float64' });
    let inner: T.Tensor | null = null;
    expect(() =>
      T.tidy(() => {
        inner = T.add(x, 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(inner!.released).toBe(true);
  });
});
