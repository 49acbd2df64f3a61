import { describe, expect, it } from 'vitest';
import { lostGeneralization } from './lost-generalization.js';

const curve = (values: number[]) => values.map((v, i) => ({ step: (i + 1) * 10, metrics: { test_error: v } }));

describe('lostGeneralization', () => {
  it('finds where a generalized run loses it, and whether the loss lasts', () => {
    const relapse = lostGeneralization(curve([1, 0.5, 0.005, 0.004, 0.03, 0.5]), 'test_error', 0.01);
    expect(relapse).toEqual({ reached: 30, lost: 50, endsLost: true, worstRise: 50 });
    const recovered = lostGeneralization(curve([1, 0.005, 0.05, 0.004]), 'test_error', 0.01);
    expect(recovered.lost).toBe(20 + 10);
    expect(recovered.endsLost).toBe(false);
  });

  it('an oscillation within the margin, a run that never generalized, and a divergence', () => {
    expect(lostGeneralization(curve([1, 0.008, 0.015, 0.009]), 'test_error', 0.01)).toEqual({ reached: 20, lost: null, endsLost: false, worstRise: 1.5 });
    expect(lostGeneralization(curve([1, 0.5, 0.2]), 'test_error', 0.01).reached).toBeNull();
    const diverged = lostGeneralization(curve([1, 0.001, Number.NaN]), 'test_error', 0.01);
    expect(diverged.lost).toBe(30);
    expect(diverged.endsLost).toBe(true);
  });
});
