import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { omnigrokFig2TeacherStudent } from './fig2-teacher-student.js';
import { comparison, runQuick } from '../testing.js';

it('teacher–student (quick): test loss is a U in α, train loss an L, and α = 2 with weight decay groks', async () => {
  const report = await runQuick(omnigrokFig2TeacherStudent);
  expect(comparison(report, 'test loss is U-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'train loss is L-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'grokking run groks').verdict).toBe('reproduced');
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
  expect(existsSync(join(report.out, 'report.md'))).toBe(true);
}, 180_000);
