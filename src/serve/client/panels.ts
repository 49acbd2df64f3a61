// Which metrics share a chart: accuracies (0–1), losses (log), weight norms (log) and the rest;
// train before test, so colours mean the same thing on every chart.

export interface Panel {
  title: string;
  yLabel: string;
  names: string[];
  logY: boolean;
  yRange?: [number, number];
}

const order = (names: string[]) => [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const rank = (n: string) => (n.startsWith('train') ? 0 : n.startsWith('test') ? 1 : 2);

export function metricPanels(names: string[]): Panel[] {
  const acc = names.filter((n) => /_acc$/.test(n));
  const loss = names.filter((n) => /_loss$/.test(n));
  // The ℓ0 count is on another scale from the norms: a panel of its own, as in the PNG curves.
  const norms = names.filter((n) => n.startsWith('weight_') && n !== 'weight_l0');
  const used = new Set([...acc, ...loss, ...norms]);
  const rest = names.filter((n) => !used.has(n));
  const panels: Panel[] = [];
  if (acc.length) panels.push({ title: 'Accuracy', yLabel: 'accuracy', names: order(acc), logY: false, yRange: [0, 1] });
  if (loss.length) panels.push({ title: 'Loss', yLabel: 'loss', names: order(loss), logY: true });
  if (norms.length) panels.push({ title: 'Weight norms', yLabel: 'norm', names: order(norms), logY: true });
  for (const n of rest) panels.push({ title: n, yLabel: n, names: [n], logY: false });
  return panels;
}

/** Whether every value is positive (a log axis can draw it). */
export function allPositive(values: (number | null)[][]): boolean {
  return values.every((col) => col.every((v) => v === null || v > 0));
}
