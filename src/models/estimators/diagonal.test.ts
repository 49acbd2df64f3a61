import { describe, expect, it } from 'vitest';
import { diagonalLinear, type DiagonalLinearConfig } from './diagonal.js';

/** Gradient descent on ½‖a − target‖² through the factors of a depth-L diagonal network; returns a. */
function trainDiagonal(init: DiagonalLinearConfig['init'], depth: number, target: number[], steps: number): Float64Array {
  const net = diagonalLinear({ name: 'diagonal-linear', depth, init, initScale: 0.5 }, target.length);
  const params = net.init(0.5, (n) => new Float64Array(n).fill(1));
  const grads = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, new Float64Array(v.length)]));
  const a = new Float64Array(target.length);
  for (let t = 0; t < steps; t++) {
    net.forward(params, 1, a);
    net.backward(
      params,
      1,
      a.map((v, i) => v - target[i]),
      grads,
    );
    for (const k of Object.keys(params)) params[k].forEach((v, i) => (params[k][i] = v - 0.1 * grads[k][i]));
  }
  net.forward(params, 1, a);
  return a;
}

describe('diagonal-linear init', () => {
  it('zero-first: a starts at 0 and reaches entries of either sign at depth 4; from all ones the negative entry stays out of reach', () => {
    const net = diagonalLinear({ name: 'diagonal-linear', depth: 4, init: 'zero-first', initScale: 0.5 }, 2);
    const p = net.init(0.5, (n) => new Float64Array(n).fill(1));
    expect([...p.a1, ...p.a2, ...p.a4]).toEqual([0, 0, 0.5, 0.5, 0.5, 0.5]);
    const target = [-0.4, 0.3];
    const zeroFirst = trainDiagonal('zero-first', 4, target, 3000);
    zeroFirst.forEach((v, i) => expect(v).toBeCloseTo(target[i], 6));
    expect(trainDiagonal('ones', 4, target, 3000)[0]).toBeGreaterThanOrEqual(0);
  });
});
