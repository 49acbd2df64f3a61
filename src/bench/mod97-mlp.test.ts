import { describe, expect, it } from 'vitest';
import { adamState, mod97Data, mod97Mlp, trainStep } from './mod97-mlp.js';

function train(steps: number, seed: number): { losses: number[]; params: Float32Array[] } {
  const data = mod97Data(256, seed);
  const model = mod97Mlp(seed);
  const state = adamState(model);
  const losses = Array.from({ length: steps }, () => trainStep(model, data, state));
  return { losses, params: model.params.map((p) => Float32Array.from(p.data)) };
}

describe('the benchmark workload', () => {
  it('is deterministic: same seed → bit-identical losses and parameters', () => {
    const a = train(5, 3);
    const b = train(5, 3);
    expect(b.losses).toEqual(a.losses);
    b.params.forEach((p, i) => expect(Buffer.from(p.buffer).equals(Buffer.from(a.params[i].buffer))).toBe(true));
    expect(train(5, 4).losses).not.toEqual(a.losses);
  });

  it('starts at ln 97 and learns', () => {
    const { losses } = train(30, 0);
    expect(losses[0]).toBeCloseTo(Math.log(97), 1);
    expect(losses[29]).toBeLessThan(0.5 * losses[0]);
  });
});
