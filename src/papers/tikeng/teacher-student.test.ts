import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { tikengTeacherStudent } from './teacher-student.js';

it('ReLU teacher–student (quick): ℓ1 and nuclear-norm penalties grok long after memorizing, the control does not, and a larger β groks sooner', async () => {
  const report = await runQuick(tikengTeacherStudent);
  expect(comparison(report, 'no penalty: memorizes and does not generalize within the run').within).toBe(true);
  expect(comparison(report, 'ℓ1 penalty: groks').within).toBe(true);
  expect(comparison(report, 'ℓ1: the penalized norm falls').within).toBe(true);
  expect(comparison(report, 'ℓ1: larger αβ generalizes sooner').within).toBe(true);
  expect(comparison(report, 'nuclear penalty: groks').within).toBe(true);
  expect(comparison(report, 'nuclear: the penalized norm falls').within).toBe(true);
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
}, 120_000);
