// Every `groklab reproduce` name. Each paper family keeps its reproductions in a folder of its own.
import { OMNIGROK_REPRODUCTIONS } from './omnigrok/index.js';
import { millerBnn } from './miller/bnn.js';
import { millerConcealment } from './miller/concealment.js';
import type { Reproduction } from './reproduction.js';
import { MILLER_GP_REPRODUCTIONS } from './miller/gp-index.js';
import { TIKENG_REPRODUCTIONS } from './tikeng/index.js';
import { fig1ModularPenalties } from './tikeng/fig1-modular-penalties.js';
import { tikengTeacherStudent } from './tikeng/teacher-student.js';

export const REPRODUCTIONS: readonly Reproduction[] = [...TIKENG_REPRODUCTIONS, fig1ModularPenalties, tikengTeacherStudent, ...OMNIGROK_REPRODUCTIONS, millerConcealment, millerBnn, ...MILLER_GP_REPRODUCTIONS];

export function findReproduction(name: string): Reproduction | undefined {
  return REPRODUCTIONS.find((r) => r.name === name);
}

export { writeReport, reportMarkdown, withinFactor, withinAbs, claim, formatMeasured, type Comparison, type Report } from './report.js';
export type { Reproduction, ReproduceContext, ReproductionResult } from './reproduction.js';
export { runReproduction } from './runner.js';
