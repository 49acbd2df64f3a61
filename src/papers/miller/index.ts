// Miller, O'Neill & Bui 2024: grokking beyond neural networks. Every `groklab reproduce miller-*`
// and the presets of its setups.
import type { Paper } from '../reproduction.js';
import { millerBnn } from './bnn.js';
import { millerConcealment } from './concealment.js';
import { millerGpParity } from './gp-parity.js';
import { millerGpRegression } from './gp-regression.js';
import { millerLinear } from './linear.js';
import { MILLER_PRESETS } from './presets.js';

export const miller: Paper = {
  presets: MILLER_PRESETS,
  reproductions: [millerConcealment, millerBnn, millerLinear, millerGpRegression, millerGpParity],
};
