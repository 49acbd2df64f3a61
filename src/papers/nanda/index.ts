// Nanda et al. 2023: the preset of their setup (its analyses run over any run's snapshots).
import type { Paper } from '../reproduction.js';
import { NANDA_PRESETS } from './presets.js';

export const nanda: Paper = { presets: NANDA_PRESETS, reproductions: [] };
