import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { runReproduction } from '../runner.js';
import { omnigrokFig5Qm9 } from './fig5-qm9.js';
import { comparison } from '../testing.js';

const dir = mkdtempSync(join(tmpdir(), 'groklab-qm9-repro-'));

it('QM9 (quick, generated molecules): α = 3 fits before it generalizes, then its test MSE falls ≥ 10×', async () => {
  const out = join(dir, 'quick');
  const report = await runReproduction(omnigrokFig5Qm9, { quick: true, out });
  expect(comparison(report, 'α = 3: when train MSE first falls below 1').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 3: test MSE then falls ≥ 10×').verdict).toBe('reproduced');
  expect(existsSync(join(out, 'fixture', 'gdb9.sdf'))).toBe(true);
  for (const plot of report.plots) expect(existsSync(join(out, plot))).toBe(true);
}, 180_000);

it('QM9: the full form without --data, or with a directory lacking the files, says what to supply (exit 2)', async () => {
  const run = (data?: string) => runReproduction(omnigrokFig5Qm9, { quick: false, out: join(dir, 'bad'), data });
  await expect(run()).rejects.toThrow(UsageError);
  await expect(run()).rejects.toThrow(/user-supplied: pass --data DIR, a directory holding gdb9\.sdf .* and gdb9\.sdf\.csv/);
  await expect(run(join(dir, 'none'))).rejects.toThrow(/--data: cannot read the QM9 molecules .*none\/gdb9\.sdf \(no such file\)/);
  expect(existsSync(join(dir, 'bad', 'qm9'))).toBe(false);
});
