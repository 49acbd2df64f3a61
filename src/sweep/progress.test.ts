import { describe, expect, it } from 'vitest';
import type { SweepProgress } from './pool.js';
import { durationText, progressLines } from './progress.js';

const at = (done: number, running: number, work?: [number, number]): SweepProgress => ({
  total: 8,
  done,
  running,
  skipped: 0,
  ...(work ? { work: { done: work[0], total: work[1] } } : {}),
});

describe('progressLines', () => {
  it('says the runs, the share of the steps and an ETA from the rate watched', () => {
    let clock = 0;
    const lines: string[] = [];
    const show = progressLines('grid', (line) => lines.push(line), { everyMs: 30_000, now: () => clock });
    show(at(0, 2, [0, 8000]));
    clock = 1_000;
    show(at(0, 2, [500, 8000])); // the same counts within 30 s: no line
    clock = 40_000;
    show(at(0, 2, [2000, 8000]));
    clock = 50_000;
    show(at(2, 2, [4000, 8000])); // the counts changed: a line at once
    clock = 90_000;
    show(at(8, 0, [8000, 8000]));
    expect(lines).toEqual([
      'grid: 0/8 runs done, 2 running · 0 % of the steps · ETA ?',
      // 2000 member-steps in 40 s: 6000 left take 120 s.
      'grid: 0/8 runs done, 2 running · 25 % of the steps · ETA 2 min',
      'grid: 2/8 runs done, 2 running · 50 % of the steps · ETA 50 s',
      'grid: 8/8 runs done, 0 running · 100 % of the steps',
    ]);
  });

  it('counts from the work done when it started: a resumed sweep is not credited with its earlier steps', () => {
    let clock = 0;
    const lines: string[] = [];
    const show = progressLines('sweep', (line) => lines.push(line), { everyMs: 0, now: () => clock });
    show(at(0, 1, [6000, 8000]));
    clock = 10_000;
    show(at(0, 1, [7000, 8000]));
    expect(lines.at(-1)).toBe('sweep: 0/8 runs done, 1 running · 87 % of the steps · ETA 10 s');
  });

  it('without step counts (a Redis queue) estimates from the runs finished', () => {
    let clock = 0;
    const lines: string[] = [];
    const show = progressLines('sweep', (line) => lines.push(line), { now: () => clock });
    show(at(0, 2));
    clock = 60_000;
    show(at(2, 2));
    expect(lines).toEqual(['sweep: 0/8 runs done, 2 running · ETA ?', 'sweep: 2/8 runs done, 2 running · ETA 3 min']);
  });

  it('writes durations as seconds, minutes, then hours', () => {
    expect([durationText(45), durationText(700), durationText(5 * 3600 + 1440)]).toEqual(['45 s', '12 min', '5.4 h']);
  });
});
