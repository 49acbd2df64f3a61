import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { fig1ModularPenalties } from './fig1-modular-penalties.js';

it('modular addition (quick): the ℓ1 run groks, the control does not, and ℓ2 grows again after generalization under ℓ1', async () => {
  const report = await runQuick(fig1ModularPenalties);
  expect(comparison(report, 'ℓ1 penalty: groks').verdict).toBe('reproduced');
  expect(comparison(report, 'ℓ1: the penalized norm falls').verdict).toBe('reproduced');
  expect(comparison(report, 'ℓ1: ℓ2 norm rises while the model stays generalized').verdict).toBe('reproduced');
  expect(String(comparison(report, 'no penalty').measured)).toMatch(/^memorize/);
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
}, 120_000);
