// Tikeng Notsawo, Dumas & Rabusseau 2025: grokking beyond the Euclidean norm.
import type { Reproduction } from '../reproduction.js';
import { fig3SparseL1 } from './fig3-sparse-l1.js';
import { fig4AlphaBeta } from './fig4-alpha-beta.js';
import { fig5CompletionNuclear } from './fig5-completion-nuclear.js';
import { depthReproduction } from './depth.js';
import { l2Proxy } from './l2-proxy.js';
import { dataSelection } from './data-selection.js';

export const TIKENG_REPRODUCTIONS: readonly Reproduction[] = [fig3SparseL1, fig4AlphaBeta, fig5CompletionNuclear, depthReproduction, l2Proxy, dataSelection];
