// A reproduction interrupted and run again reports the wall time of both legs, not the last one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { reported } from './report.js';
import type { Reproduction } from './reproduction.js';
import { runReproduction } from './runner.js';
import { durationText, statusTable } from './status.js';

const dir = mkdtempSync(join(tmpdir(), 'groklab-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Its first invocation is interrupted after 300 ms; the second finishes after 100 ms. */
function twoLegs(): Reproduction {
  let legs = 0;
  return {
    name: 'two-legs',
    title: 'two legs',
    source: 'a test',
    async run() {
      legs++;
      await sleep(legs === 1 ? 300 : 100);
      if (legs === 1) throw new Error('interrupted');
      return { comparisons: [reported('x', '1', 1)], plots: [] };
    },
  };
}

it('sums the wall time over the invocations that built the report, per form', async () => {
  const r = twoLegs();
  await expect(runReproduction(r, { quick: false, out: dir })).rejects.toThrow('interrupted');
  const report = await runReproduction(r, { quick: false, out: dir });
  expect(report.invocations).toBe(2);
  expect(report.wall_s).toBeGreaterThanOrEqual(0.4);
  expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).invocations).toBe(2);
  expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/s of wall time over 2 invocations \(resumed from checkpoints\)/);
  // A quick form in the same directory keeps its own clock.
  const q = twoLegs();
  await expect(runReproduction(q, { quick: true, out: dir })).rejects.toThrow('interrupted');
  expect((await runReproduction(q, { quick: true, out: dir })).invocations).toBe(2);
  expect(statusTable([{ name: 'two-legs', title: '', status: 'reproduced', report }])).toContain(' in 2 legs |');
});

it('durations read as seconds, minutes or hours', () => {
  expect([durationText(45), durationText(700), durationText(5 * 3600 + 1440)]).toEqual(['45 s', '12 min', '5.4 h']);
});
