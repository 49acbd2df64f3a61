// Nanda et al. 2023: the preset of their setup, and the progress measures reproduced over a
// run's snapshots (the measures themselves are `groklab analyze`'s, in src/analysis/).
import type { Paper } from '../reproduction.js';
import { NANDA_PRESETS } from './presets.js';
import { nandaProgressMeasures } from './progress-measures.js';

export const nanda: Paper = { presets: NANDA_PRESETS, reproductions: [nandaProgressMeasures] };
