// Power et al. 2022: the presets of their setup and of the cheap recipe after it, and Fig. 1's
// training fraction per operation.
import type { Paper } from '../reproduction.js';
import { powerFig1 } from './fig1-fractions.js';
import { POWER_PRESETS } from './presets.js';

export const power: Paper = { presets: POWER_PRESETS, reproductions: [powerFig1] };
