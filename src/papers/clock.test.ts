// A reproduction interrupted and run again reports the wall time of both legs, not the last one;
// one refused at once leaves its directory as it was.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startClock } from './clock.js';
import { reported } from './report.js';
import type { Reproduction } from './reproduction.js';
import { runReproduction } from './runner.js';
import { statusTable } from './status.js';

const root = mkdtempSync(join(tmpdir(), 'groklab-clock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const finishes: Reproduction = {
  name: 'finishes',
  title: 'finishes',
  source: 'a test',
  async run() {
    await sleep(100);
    return { comparisons: [reported('x', '1', 1)], plots: [] };
  },
};

/** An interrupted leg of 300 ms whose clock wrote itself down every 50 ms. */
async function interruptedLeg(dir: string, quick: boolean) {
  mkdirSync(dir, { recursive: true });
  const clock = startClock(dir, quick, 50);
  await sleep(300);
  return clock.stop(false);
}

it('sums the wall time over the invocations that built the report, per form', async () => {
  const dir = join(root, 'resumed');
  expect((await interruptedLeg(dir, false)).invocations).toBe(1);
  const report = await runReproduction(finishes, { quick: false, out: dir });
  expect(report.invocations).toBe(2);
  expect(report.wall_s).toBeGreaterThanOrEqual(0.4);
  expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).invocations).toBe(2);
  expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/s of wall time over 2 invocations \(resumed from checkpoints\)/);
  expect(statusTable([{ name: 'finishes', title: '', status: 'reproduced', report }])).toContain(' in 2 legs |');
  // The quick form in the same directory keeps its own clock.
  expect((await runReproduction(finishes, { quick: true, out: dir })).invocations).toBe(1);
  expect((await runReproduction(finishes, { quick: false, out: dir })).invocations).toBe(3);
});

it('a reproduction refused at once writes no clock', async () => {
  const dir = join(root, 'refused');
  const refused: Reproduction = { ...finishes, run: () => Promise.reject(new Error('--data is required')) };
  await expect(runReproduction(refused, { quick: false, out: dir })).rejects.toThrow('--data');
  expect(existsSync(join(dir, 'elapsed.json'))).toBe(false);
});
