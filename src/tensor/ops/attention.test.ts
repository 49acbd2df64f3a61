import { describe, expect, it } from 'vitest';
import { gradcheck } from '../gradcheck.js';
import { randn, weightsFor } from '../testing.js';
import * as T from '../index.js';

/** attendHeads spelled out with the basic ops: heads split by transposes, a [.., queries, keys] mask. */
function composed(q: T.Tensor, k: T.Tensor, v: T.Tensor, heads: number, causal: boolean): T.Tensor {
  const [batch, queries, width] = q.shape;
  const keys = k.shape[1];
  const dHead = width / heads;
  const split = (x: T.Tensor) => T.transpose(T.reshape(x, [batch, x.shape[1], heads, dHead]), [0, 2, 1, 3]);
  let scores = T.mul(T.matmul(split(q), split(k), { transB: true }), 1 / Math.sqrt(dHead));
  if (causal) {
    const mask = new Uint8Array(queries * keys);
    for (let i = 0; i < queries; i++) for (let j = keys - queries + i + 1; j < keys; j++) mask[i * keys + j] = 1;
    scores = T.maskedFill(scores, mask, [queries, keys], -Infinity);
  }
  const z = T.matmul(T.softmax(scores, -1), split(v));
  return T.reshape(T.transpose(z, [0, 2, 1, 3]), [batch, queries, width]);
}

// [batch, queries, keys, heads, dHead]: a single key, fewer queries than keys, odd head widths.
const CASES: [number, number, number, number, number][] = [
  [2, 3, 3, 2, 3],
  [1, 1, 1, 1, 4],
  [3, 1, 4, 3, 2],
  [2, 2, 5, 1, 5],
];

describe('attendHeads', () => {
  for (const [batch, queries, keys, heads, dHead] of CASES) {
    for (const causal of [true, false]) {
      const name = `[${batch}, ${queries}, ${keys}] × ${heads} heads of ${dHead}${causal ? ', causal' : ''}`;
      const seed = batch * 1000 + queries * 100 + keys * 10 + heads + (causal ? 7 : 0);
      const q = randn([batch, queries, heads * dHead], seed);
      const k = randn([batch, keys, heads * dHead], seed + 1);
      const v = randn([batch, keys, heads * dHead], seed + 2);

      it(`equals the composition of basic ops: ${name}`, () => {
        const fused = T.attendHeads(q, k, v, heads, causal).toArray();
        composed(q, k, v, heads, causal)
          .toArray()
          .forEach((x, i) => expect(fused[i]).toBeCloseTo(x, 12));
      });

      it(`has the gradient of finite differences: ${name}`, () => {
        const { maxError, worst } = gradcheck((a, b, c) => T.attendHeads(a, b, c, heads, causal), [q, k, v], weightsFor(`attendHeads ${name}`));
        expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
      });
    }
  }

  it('rejects shapes that do not fit together', () => {
    const x = randn([2, 3, 4], 1);
    expect(() => T.attendHeads(x, randn([2, 2, 4], 2), randn([2, 2, 4], 3), 2, true)).toThrow(
      /attendHeads: needs q \[batch, queries, width\] and k, v \[batch, keys ≥ queries, width\]/,
    );
    expect(() => T.attendHeads(x, x, x, 3, true)).toThrow(/attendHeads: 3 heads do not divide the projection width 4/);
  });
});
