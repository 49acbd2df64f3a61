// The spec types the plots module speaks, derived from vega-lite's public `TopLevelSpec` (its
// finer types are only exported as unstable).
import type { TopLevelSpec } from 'vega-lite';

export type VegaLiteSpec = TopLevelSpec;

/** One view of a `vconcat`: what `linePanel` returns, so panels stack into one figure. */
export type PanelSpec = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
