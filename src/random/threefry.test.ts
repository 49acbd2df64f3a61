import { describe, expect, it } from 'vitest';
import { threefry2x32 } from './threefry.js';

// Known-answer vectors of threefry2x32_20 from Random123's kat_vectors (key, counter → output).
const KAT: [key: [number, number], ctr: [number, number], out: [number, number]][] = [
  [
    [0x00000000, 0x00000000],
    [0x00000000, 0x00000000],
    [0x6b200159, 0x99ba4efe],
  ],
  [
    [0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x1cb996fc, 0xbb002be7],
  ],
  [
    [0x13198a2e, 0x03707344],
    [0x243f6a88, 0x85a308d3],
    [0xc4923a9c, 0x483df7a0],
  ],
];

describe('threefry2x32', () => {
  it.each(KAT)('matches Random123 for key %j, counter %j', (k, c, expected) => {
    const out = new Uint32Array(2);
    threefry2x32(k[0], k[1], c[0], c[1], out);
    expect([...out]).toEqual(expected);
  });

  it('writes at the given offset and leaves the rest alone', () => {
    const out = new Uint32Array(4);
    threefry2x32(0, 0, 0, 0, out, 2);
    expect([...out]).toEqual([0, 0, 0x6b200159, 0x99ba4efe]);
  });

  it('matches JAX original-mode split of PRNGKey(0), blocks (0, 2) and (1, 3)', () => {
    // jax.random.split(PRNGKey(0)) with jax_threefry_partitionable off, as printed in the JAX docs
    const a = new Uint32Array(2);
    const b = new Uint32Array(2);
    threefry2x32(0, 0, 0, 2, a);
    threefry2x32(0, 0, 1, 3, b);
    expect([a[0], b[0], a[1], b[1]]).toEqual([4146024105, 967050713, 2718843009, 1272950319]);
  });
});
