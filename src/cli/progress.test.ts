import { describe, expect, it } from 'vitest';
import { progressListener } from './progress.js';

/** A non-terminal stream that keeps what is written, and a clock the test moves. */
function harness(totalSteps: number, mayStopEarly: boolean) {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
  let clock = 0;
  const listen = progressListener(totalSteps, { stream, mayStopEarly, now: () => clock });
  return { lines, listen, tick: (ms: number) => (clock += ms) };
}

describe('progress lines', () => {
  it('times the steps from the first one, not from setup, and marks the ETA of an early-stopping run as a bound', () => {
    const { lines, listen, tick } = harness(20_000, true);
    tick(30_000); // data, model and the step-0 evaluation: not training speed
    listen({ event: 'eval', step: 0, wall_s: 30, metrics: { train_acc: 0.01, test_acc: 0.01, train_loss: 4.6 } });
    for (let step = 1; step <= 1000; step++) {
      tick(10.5); // 100 steps/s, with the line-every-10-s rule in between
      listen({ event: 'step', step, loss: 1 });
    }
    const progress = lines.filter((l) => l.includes('steps/s'));
    expect(progress).toHaveLength(1);
    // 954 steps in 10.0 s ≈ 95 steps/s; 19 046 steps left → about 3 min 20 s, not 19 minutes
    expect(progress[0]).toMatch(/^step 954\/20000 {2}95\.3 steps\/s {2}ETA ≤ 3m20s\n$/);
  });

  it('shows no rate before a second of steps, and a plain ETA when the run cannot stop early', () => {
    const { lines, listen, tick } = harness(100, false);
    const tty = { isTTY: true, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    let clock = 0;
    const bar = progressListener(100, { stream: tty, now: () => clock });
    bar({ event: 'step', step: 1, loss: 1 });
    expect(lines.at(-1)).toContain('? steps/s · ETA ?');
    clock += 2000;
    bar({ event: 'step', step: 51, loss: 1 });
    expect(lines.at(-1)).toContain('25.5 steps/s · ETA 2s');
    tick(0);
    listen({ event: 'done', step: 100, status: 'completed' });
    expect(lines.at(-1)).toBe('completed at step 100\n');
  });
});
