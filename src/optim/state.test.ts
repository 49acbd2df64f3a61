// A resumed run must continue bit-identically: the state survives JSON (numbers and arrays)
// and a fresh init + restore gives the same updates as never stopping.
import { expect, test } from 'vitest';
import { foldIn, key, normal } from '../random/index.js';
import type { DType, FloatArray } from '../tensor/index.js';
import { applyUpdates, buildOptimizer, type OptimizerConfigInput, type State } from './index.js';
import { copy } from './testing.js';

const shapes = { w: [3, 4], b: [4] };
const config: OptimizerConfigInput = {
  name: 'chain',
  transforms: [
    { name: 'grokfastEma' },
    { name: 'clipByGlobalNorm', maxNorm: 3 },
    { name: 'masked', params: 'matrices', transform: { name: 'addNuclearSubgradient', beta: 1e-3 } },
    { name: 'adamw', lr: { schedule: 'warmupCosine', peak: 0.01, warmupSteps: 3, decaySteps: 20 }, weightDecay: 0.1 },
    { name: 'softThreshold', tau: 1e-4 },
    { name: 'normConstraint' },
  ],
};

type Json = number | { dtype: DType; values: number[] } | { [key: string]: Json };

const toJson = (s: State | number | FloatArray): Json =>
  typeof s === 'number'
    ? s
    : s instanceof Float32Array || s instanceof Float64Array
      ? { dtype: s instanceof Float32Array ? 'float32' : 'float64', values: Array.from(s) }
      : Object.fromEntries(Object.entries(s).map(([k, v]) => [k, toJson(v)]));

const fromJson = (j: Json): State | number | FloatArray =>
  typeof j === 'number'
    ? j
    : 'dtype' in j && Array.isArray(j.values)
      ? (j.dtype === 'float32' ? Float32Array : Float64Array).from(j.values as number[])
      : Object.fromEntries(Object.entries(j as Record<string, Json>).map(([k, v]) => [k, fromJson(v)]));

test.each(['float64', 'float32'] as DType[])('state round-trips through JSON and the run continues bit-identically (%s)', (dtype) => {
  const k = key(5);
  const grads = (s: number) => ({ w: normal(foldIn(k, 100 + s), 12, dtype), b: normal(foldIn(k, 200 + s), 4, dtype) });
  const params = { w: normal(foldIn(k, 0), 12, dtype), b: normal(foldIn(k, 1), 4, dtype) };
  const run = buildOptimizer(config, { shapes });
  const state = run.init(params);
  const step = (opt: typeof run, st: State, p: typeof params, s: number) => {
    const updates = grads(s);
    opt.update(updates, st, p);
    applyUpdates(p, updates);
  };
  for (let s = 0; s < 5; s++) step(run, state, params, s);

  const saved = JSON.stringify({ params: toJson(params), state: toJson(state) });
  const resumed = buildOptimizer(config, { shapes });
  const loaded = JSON.parse(saved) as { params: Json; state: Json };
  const params2 = fromJson(loaded.params) as typeof params;
  resumed.init(params2);
  const state2 = fromJson(loaded.state) as State;
  expect(state2).toEqual(state);

  for (let s = 5; s < 12; s++) {
    step(run, state, params, s);
    step(resumed, state2, params2, s);
  }
  expect(params2.w).toEqual(params.w);
  expect(params2.b).toEqual(params.b);
  expect(params2.w).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
  expect(copy(params)).not.toEqual(copy(fromJson(loaded.params) as typeof params));
});
