import { expect, it } from 'vitest';
import { omnigrokModaddConstrained } from './modadd-constrained.js';
import { comparison, runQuick } from '../testing.js';

it('modular addition (quick): the baseline groks; with the norm held fixed test accuracy rises with train (t_gen/t_mem < 2)', async () => {
  const report = await runQuick(omnigrokModaddConstrained);
  expect(comparison(report, 'baseline (α = 1, wd 1) groks').verdict).toBe('reproduced');
  expect(comparison(report, 'constrained (norm fixed, wd 0): test rises with train').verdict).toBe('reproduced');
  expect(comparison(report, 'constrained: the weight norm stays').verdict).toBe('reproduced');
}, 300_000);
