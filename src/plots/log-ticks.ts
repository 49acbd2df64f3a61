// Tick values and labels for a log axis. Vega's defaults label every 2…9 multiple, which crowds a
// many-decade axis; decades alone, written 10ⁿ as in a paper's figures, read cleanly. A range too
// narrow for three decades falls back to 1-2-5 steps with plain numbers.

/** Ticks within [min, max] (both > 0): powers of ten, or 1-2-5 multiples when fewer than 3 decades fit. */
export function logTicks(min: number, max: number): number[] {
  const decades = within(min, max, [1]);
  return decades.length >= 3 ? decades : within(min, max, [1, 2, 5]);
}

/** Vega-Lite axis properties labelling `ticks`: 10ⁿ for decades, m·10ⁿ below 10⁻³, else a d3 format. */
export function logLabels(ticks: readonly number[]): { labelExpr: string } | { format: string } {
  const exponents = ticks.map((t) => Math.floor(Math.log10(t) + 1e-9));
  const mantissas = ticks.map((t, i) => Math.round(t / decade(exponents[i])));
  const decadesOnly = mantissas.every((m) => m === 1);
  // NOTE: d3's `~g` writes 0.000002 beside 1e-7 on one axis; below 10⁻³ every tick gets m·10ⁿ.
  if (ticks.length > 0 && (decadesOnly || Math.min(...ticks) < 1e-3)) {
    const labels = exponents.map((e, i) => (mantissas[i] === 1 ? powerOfTen(e) : `${mantissas[i]}·${powerOfTen(e)}`));
    // A lookup from the tick value, which Vega hands back exactly as given in `values`.
    return { labelExpr: `${JSON.stringify(labels)}[indexof(${JSON.stringify(ticks)}, datum.value)]` };
  }
  // SI prefixes (2k, 50k) read best for counts like steps; `~g` for anything below 1.
  return { format: ticks.every((t) => t >= 1) ? '~s' : '~g' };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 10ⁿ in Unicode superscripts, which the bundled font has: 10³, 10⁻⁵. */
export function powerOfTen(exponent: number): string {
  return `10${String(exponent)
    .replace('-', '⁻')
    .replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!)}`;
}

function within(min: number, max: number, mantissas: readonly number[]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of mantissas) {
      const t = m * decade(e);
      if (t >= min && t <= max) out.push(t);
    }
  }
  return out;
}

/** 10^e rounded, so that 10^-3 is 0.001 and not 0.0010000000000000002. */
function decade(e: number): number {
  return Number((10 ** e).toPrecision(12));
}
