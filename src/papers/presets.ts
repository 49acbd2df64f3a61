// Every paper's presets without its reproductions: all that `train`, `sweep` and `inspect` need
// to resolve a config, and cheap to import (a reproduction pulls in plots, analysis and data).
import type { PresetTable } from '../config/defaults.js';
import { MILLER_PRESETS } from './miller/presets.js';
import { NANDA_PRESETS } from './nanda/presets.js';
import { OMNIGROK_PRESETS } from './omnigrok/presets.js';
import { POWER_PRESETS } from './power/presets.js';
import { TIKENG_PRESETS } from './tikeng/presets.js';

/** In the order `groklab presets` lists them: the papers' order in PAPERS. */
export const PRESETS: PresetTable = Object.freeze({ ...POWER_PRESETS, ...NANDA_PRESETS, ...TIKENG_PRESETS, ...OMNIGROK_PRESETS, ...MILLER_PRESETS });

/** What `groklab train` starts from without --preset or --config. */
export const DEFAULT_PRESET = 'mod97-mlp-adamw';
