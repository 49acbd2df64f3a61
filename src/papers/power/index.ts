// Power et al. 2022: the presets of their setup and of the cheap recipe after it.
import type { Paper } from '../reproduction.js';
import { POWER_PRESETS } from './presets.js';

export const power: Paper = { presets: POWER_PRESETS, reproductions: [] };
