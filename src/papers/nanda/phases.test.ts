import { describe, expect, it } from 'vitest';
import { detectPhases, logFallStep } from './phases.js';

const curve = (f: (step: number) => number, steps: number[]) => steps.map((step) => ({ step, value: f(step) }));
const steps = Array.from({ length: 200 }, (_, i) => (i + 1) * 100);

describe('detectPhases', () => {
  it('reads the three boundaries off grokking-shaped curves', () => {
    // excluded loss: falls until 1.5k, then rises; test loss: high until 9k, falls to 1e-6 by 13k
    const excluded = curve((s) => (s <= 1500 ? 2 - s / 1000 : 0.5 + (s - 1500) / 1000), steps);
    const test = curve((s) => (s < 9000 ? 10 : s > 13000 ? 1e-6 : 10 * 10 ** ((-7 * (s - 9000)) / 4000)), steps);
    expect(detectPhases(excluded, test)).toEqual({ memorizationEnd: 1500, cleanupStart: 9400, cleanupEnd: 12600 });
  });

  it('reports no boundary for a run that never turned', () => {
    const falling = curve((s) => 1 / s, steps);
    const flat = curve(() => 5, steps);
    expect(detectPhases(falling, flat)).toEqual({ memorizationEnd: null, cleanupStart: null, cleanupEnd: null });
  });

  it('measures the fall from the peak, ignoring a rise before it', () => {
    const points = curve((s) => (s <= 5000 ? s : 5000 * 10 ** (-(s - 5000) / 1000)), steps);
    expect(logFallStep(points, 0.5)).toBeGreaterThan(5000);
  });
});
