// Measures over a run's parameter snapshots: pure functions of one snapshot and the task,
// registered by name, run over every snapshot by `analyze`.
export { analyze, scalarSeries, toJsonl, type AnalysisLine, type SnapshotSource } from './analyze.js';
export { analysisPanels, type CurvePanel } from './panels.js';
export { MEASURES, applicableMeasures, chooseMeasures, parseMeasureArg, type MeasureChoice } from './registry.js';
export { ANALYSIS_FILE, planRunEnd, openRunForAnalysis, runSnapshots, subjectOf, writeAnalysis } from './run.js';
export { SnapshotView, modularTask, numberEmbedding, type Subject, type ParameterArrays } from './subject.js';
export type { Json, Measure, MeasurePanel } from './measure.js';
