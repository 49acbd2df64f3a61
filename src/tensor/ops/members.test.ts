// A leading member axis (an ensemble) must give every member the bits of the same op on that
// member alone: values and gradients, in Float32 as training runs.
import { describe, expect, it } from 'vitest';
import * as T from '../index.js';
import { randn } from '../testing.js';

const MEMBERS = 3;

/** Member e's block of a stacked tensor, as a tensor of its own. */
const memberOf = (t: T.Tensor, e: number) => {
  const width = t.size / t.shape[0];
  return new T.Tensor(t.data.slice(e * width, (e + 1) * width), t.shape.slice(1));
};

const leaf = (shape: number[], seed: number) => {
  const t = randn(shape, seed, 'float32');
  t.requiresGrad = true;
  return t;
};

/** Runs `stacked` on the stacked leaves and `alone` on each member's; expects equal bits in the outputs and in every leaf's gradient. */
function expectMembersAlone(leaves: T.Tensor[], stacked: (...xs: T.Tensor[]) => T.Tensor, alone: (e: number, ...xs: T.Tensor[]) => T.Tensor) {
  const out = stacked(...leaves);
  out.backward(T.ones(out.shape));
  for (let e = 0; e < MEMBERS; e++) {
    const own = leaves.map((l) => {
      const m = memberOf(l, e);
      m.requiresGrad = true;
      return m;
    });
    const y = alone(e, ...own);
    y.backward(T.ones(y.shape));
    expect(Array.from(memberOf(out, e).data), `member ${e}`).toEqual(Array.from(y.data));
    own.forEach((m, k) => expect(Array.from(m.grad!.data), `member ${e}, input ${k}`).toEqual(Array.from(memberOf(leaves[k].grad!, e).data)));
  }
}

describe('ops over a member axis, member by member', () => {
  it('an MLP on token rows: gathered embedding projections, dense layers, cross-entropy', () => {
    const tokens = [Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 11), Int32Array.from({ length: 40 }, (_, i) => (i * 3 + 1) % 11)];
    const labels = Int32Array.from({ length: 40 }, (_, i) => i % 5);
    const forward = (embed: T.Tensor, w0: T.Tensor, b0: T.Tensor, w1: T.Tensor, b1: T.Tensor, axis: number) => {
      const h = T.gatheredLinear([T.matmul(embed, T.slice(w0, axis, 0, 6)), T.matmul(embed, T.slice(w0, axis, 6, 12))], tokens, b0, 'relu');
      return T.linear(h, w1, b1);
    };
    expectMembersAlone(
      [leaf([MEMBERS, 11, 6], 1), leaf([MEMBERS, 12, 24], 2), leaf([MEMBERS, 24], 3), leaf([MEMBERS, 24, 5], 4), leaf([MEMBERS, 5], 5)],
      (...p) => T.memberCrossEntropy(forward(p[0], p[1], p[2], p[3], p[4], 1), labels),
      (_, ...p) => T.crossEntropy(forward(p[0], p[1], p[2], p[3], p[4], 0), labels),
    );
  });

  it('an MLP on dense features, shared or one batch per member, with tanh and MSE', () => {
    const x = randn([30, 4], 10, 'float32');
    const own = randn([MEMBERS, 30, 4], 11, 'float32');
    const target = randn([30, 3], 12, 'float32');
    const forward = (input: T.Tensor, w0: T.Tensor, b0: T.Tensor, w1: T.Tensor, b1: T.Tensor) => T.linear(T.tanh(T.linear(input, w0, b0)), w1, b1);
    const leaves = () => [leaf([MEMBERS, 4, 16], 13), leaf([MEMBERS, 16], 14), leaf([MEMBERS, 16, 3], 15), leaf([MEMBERS, 3], 16)];
    expectMembersAlone(
      leaves(),
      (...p) => T.memberMse(forward(x, p[0], p[1], p[2], p[3]), target),
      (_, ...p) => T.mse(forward(x, p[0], p[1], p[2], p[3]), target),
    );
    expectMembersAlone(
      leaves(),
      (...p) => T.memberMse(forward(own, p[0], p[1], p[2], p[3]), target),
      (e, ...p) => T.mse(forward(memberOf(own, e), p[0], p[1], p[2], p[3]), target),
    );
  });

  it('a diverged member gets a non-finite loss while the others keep theirs', () => {
    const logits = randn([MEMBERS, 4, 3], 20, 'float32');
    logits.data[12 + 5] = Number.NaN;
    const losses = T.memberCrossEntropy(logits, Int32Array.from([0, 1, 2, 0]));
    expect(Number.isNaN(losses.data[1])).toBe(true);
    expect([losses.data[0], losses.data[2]].every(Number.isFinite)).toBe(true);
  });
});
