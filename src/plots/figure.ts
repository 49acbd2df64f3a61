// A figure of several panels side by side (columns), optionally in rows: the layout of most
// paper figures (curves | components, error | norms).
import { SCHEMA, type PanelSpec, type VegaLiteSpec } from './spec.js';
import { config } from './theme.js';

export interface FigureInput {
  title: string;
  subtitle?: string;
  /** rows of panels; each row's panels sit side by side */
  rows: readonly (readonly PanelSpec[])[];
}

export function figureSpec({ title, subtitle, rows }: FigureInput): VegaLiteSpec {
  const row = (panels: readonly PanelSpec[]) =>
    panels.length === 1 ? panels[0] : { hconcat: [...panels], spacing: 24, resolve: { scale: { color: 'independent', shape: 'independent' } } };
  return {
    $schema: SCHEMA,
    config,
    title: { text: title, ...(subtitle ? { subtitle } : {}) },
    vconcat: rows.map((r) => row(r)),
    spacing: 20,
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  } as VegaLiteSpec;
}
