export { renderSpec, writePlot, PNG_SCALE } from './render.js';
export { trainingCurvesSpec, type EvalPoint, type GrokSummary, type TrainingCurvesOptions } from './training-curves.js';
export { lineChartSpec, linePanel, type LineChartInput, type LinePanelInput, type Point, type Rule, type Series } from './line-chart.js';
export { logTicks, logLabels, powerOfTen } from './log-ticks.js';
export { COLORS, TAB10, PANEL, config as plotConfig } from './theme.js';
export { FONT_FAMILY, FONT_FILES } from './font.js';
export type { VegaLiteSpec, PanelSpec } from './spec.js';
export { phaseDiagramSpec, OUTCOMES, type PhaseCell, type PhaseDiagramOptions } from './phase-diagram.js';
export { figureSpec, type FigureInput } from './figure.js';
