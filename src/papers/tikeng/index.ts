// Tikeng Notsawo, Dumas & Rabusseau 2025, grokking beyond the Euclidean norm: every
// `groklab reproduce tikeng-*` and the presets of its setups.
import type { Paper } from '../reproduction.js';
import { dataSelection } from './data-selection.js';
import { deepMatrixCompletion } from './deep-matrix.js';
import { depthReproduction } from './depth.js';
import { fig1ModularPenalties } from './fig1-modular-penalties.js';
import { fig3SparseL1 } from './fig3-sparse-l1.js';
import { fig4AlphaBeta } from './fig4-alpha-beta.js';
import { fig5CompletionNuclear } from './fig5-completion-nuclear.js';
import { fig6CompletionGrid } from './fig6-completion-grid.js';
import { l2Proxy } from './l2-proxy.js';
import { networkPenaltyGrids } from './network-penalty-grids.js';
import { TIKENG_PRESETS } from './presets.js';
import { sparsitySamples } from './sparsity-samples.js';
import { tikengTeacherStudent } from './teacher-student.js';

export const tikeng: Paper = {
  presets: TIKENG_PRESETS,
  reproductions: [
    fig3SparseL1,
    fig4AlphaBeta,
    sparsitySamples,
    fig5CompletionNuclear,
    fig6CompletionGrid,
    depthReproduction,
    deepMatrixCompletion,
    l2Proxy,
    dataSelection,
    fig1ModularPenalties,
    networkPenaltyGrids,
    tikengTeacherStudent,
  ],
};
