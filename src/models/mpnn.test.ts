import { describe, expect, it } from 'vitest';
import { key } from '../random/index.js';
import type { Examples, Graph } from '../tasks/dataset.js';
import { gradcheck } from '../tensor/gradcheck.js';
import { weightsFor } from '../tensor/testing.js';
import * as T from '../tensor/index.js';
import { buildModel, initParams } from './index.js';
import { mpnn, type MpnnConfig } from './mpnn.js';

const ctx = { input: { kind: 'graphs', nodeFeatures: 3, edgeFeatures: 2 } as const, outputs: 1 };
const config = (over: Partial<MpnnConfig> = {}): MpnnConfig => ({
  name: 'mpnn',
  channels: [4, 3],
  edgeHidden: 5,
  aggregation: 'sum',
  pooling: 'sum',
  readoutHidden: [4],
  initScale: 1,
  ...over,
});

/** A path a–b–c (both directions) and a lone pair d–e, with made-up features. */
const GRAPHS: Graph[] = [
  {
    nodes: 3,
    nodeFeatures: Float64Array.from([1, 0, 0.5, 0, 1, -1, 1, 1, 0]),
    edgeSource: Int32Array.from([0, 1, 1, 2]),
    edgeTarget: Int32Array.from([1, 0, 2, 1]),
    edgeFeatures: Float64Array.from([1, 0, 1, 0, 0, 1, 0, 1]),
  },
  {
    nodes: 2,
    nodeFeatures: Float64Array.from([0.2, 0.3, 1, -0.5, 0, 1]),
    edgeSource: Int32Array.from([0, 1]),
    edgeTarget: Int32Array.from([1, 0]),
    edgeFeatures: Float64Array.from([1, 1, 1, 1]),
  },
];
const batch: Examples = { count: 2, graphs: GRAPHS };

/** The network written out node by node with plain numbers, for one graph. */
function reference(params: Record<string, T.Tensor>, c: MpnnConfig, g: Graph): number {
  const at = (name: string) => params[name].data;
  const dense = (x: number[], w: ArrayLike<number>, b: ArrayLike<number> | null, out: number) =>
    Array.from({ length: out }, (_, j) => x.reduce((s, v, i) => s + v * w[i * out + j], b ? b[j] : 0));
  const relu = (v: number[]) => v.map((x) => Math.max(0, x));
  let h = Array.from({ length: g.nodes }, (_, i) => Array.from(g.nodeFeatures.subarray(i * 3, i * 3 + 3)));
  const widths = [3, ...c.channels];
  c.channels.forEach((out, l) => {
    const p = (n: string) => at(`conv${l}.${n}`);
    const received = h.map(() => new Array<number>(out).fill(0));
    const degree = h.map(() => 0);
    g.edgeSource.forEach((src, e) => {
      const w = dense(
        relu(dense(Array.from(g.edgeFeatures.subarray(2 * e, 2 * e + 2)), p('edge.w0'), p('edge.b0'), c.edgeHidden)),
        p('edge.w1'),
        p('edge.b1'),
        widths[l] * out,
      );
      const m = dense(h[src], w, null, out);
      m.forEach((v, j) => (received[g.edgeTarget[e]][j] += v));
      degree[g.edgeTarget[e]]++;
    });
    h = h.map((x, i) =>
      relu(dense(x, p('root'), p('bias'), out).map((v, j) => v + (c.aggregation === 'mean' && degree[i] ? received[i][j] / degree[i] : received[i][j]))),
    );
  });
  let pooled = h[0].map((_, j) => h.reduce((s, x) => s + x[j], 0) / (c.pooling === 'mean' ? h.length : 1));
  const sizes = [c.channels.at(-1)!, ...c.readoutHidden, 1];
  for (let k = 0; k < sizes.length - 1; k++) {
    pooled = dense(pooled, at(`readout.w${k}`), at(`readout.b${k}`), sizes[k + 1]);
    if (k < sizes.length - 2) pooled = relu(pooled);
  }
  return pooled[0];
}

describe('mpnn (edge-conditioned message passing)', () => {
  for (const c of [config(), config({ aggregation: 'mean', pooling: 'mean', channels: [2], readoutHidden: [] })]) {
    it(`matches the network written out node by node (${c.aggregation} aggregation, ${c.pooling} pooling)`, () => {
      const model = mpnn(c, ctx);
      const params = initParams(model, key(3), 'float64', 1);
      // non-zero conv biases, so that a mix-up of bias and message would show
      for (const [name, p] of Object.entries(params)) if (name.endsWith('.bias')) p.data.forEach((_, i) => (p.data[i] = 0.1 * (i + 1)));
      const out = T.noGrad(() => model.apply(params, batch));
      expect(out.shape).toEqual([2, 1]);
      GRAPHS.forEach((g, k) => expect(out.data[k]).toBeCloseTo(reference(params, c, g), 12));
    });
  }

  it('does not depend on how the nodes are numbered', () => {
    const model = mpnn(config(), ctx);
    const params = initParams(model, key(4), 'float64', 2);
    const [g] = GRAPHS;
    const perm = [2, 0, 1]; // old node i becomes perm[i]
    const moved = new Float64Array(9);
    perm.forEach((to, from) => moved.set(g.nodeFeatures.subarray(3 * from, 3 * from + 3), 3 * to));
    const relabelled: Graph = { ...g, nodeFeatures: moved, edgeSource: g.edgeSource.map((i) => perm[i]), edgeTarget: g.edgeTarget.map((i) => perm[i]) };
    const a = T.noGrad(() => model.apply(params, { count: 1, graphs: [g] })).data[0];
    const b = T.noGrad(() => model.apply(params, { count: 1, graphs: [relabelled] })).data[0];
    expect(b).toBeCloseTo(a, 12);
  });

  it('gradients of every parameter agree with finite differences (float64)', () => {
    const model = mpnn(config({ aggregation: 'mean' }), ctx);
    const params = initParams(model, key(5), 'float64', 1);
    const names = Object.keys(model.shapes);
    const f = (...ps: T.Tensor[]) => model.apply(Object.fromEntries(names.map((n, i) => [n, ps[i]])), batch);
    const { maxError, worst } = gradcheck(
      f,
      names.map((n) => params[n].detach()),
      weightsFor('mpnn'),
    );
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
  });

  it('is registered under model.name "mpnn" and refuses inputs that are not graphs', () => {
    expect(Object.keys(buildModel(config(), ctx).shapes)).toContain('conv1.edge.w1');
    expect(() => buildModel(config(), { input: { kind: 'features', features: 3 }, outputs: 1 })).toThrow(
      /model mpnn reads graphs; this task gives dense features/,
    );
    expect(() => buildModel({ name: 'mlp', input: 'embedding', embedDim: 2, hidden: [2], activation: 'relu', bias: true, initScale: 1 }, ctx)).toThrow(
      /use model "mpnn"/,
    );
  });
});
