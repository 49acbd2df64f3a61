// One short line for a config section ("mlp · hidden [32] · embedDim 16"): the list shows task,
// model and optimizer side by side, so each names the fields that usually tell runs apart.

/** Fields shown first when a section has them; the rest follow in the config's order. */
const TELLING = [
  'p',
  'operation',
  'trainFraction',
  'n',
  'd',
  'k',
  'hidden',
  'layers',
  'dModel',
  'width',
  'depth',
  'embedDim',
  'lr',
  'weightDecay',
  'l1',
  'alpha',
  'beta',
];
const SHOWN = 3;

function scalar(v: unknown): string | null {
  if (typeof v === 'number') return Number.isInteger(v) || Math.abs(v) >= 1e-3 ? String(Number(v.toPrecision(4))) : v.toExponential(1);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.length <= 4 && v.every((x) => typeof x === 'number')) return `[${v.join(',')}]`;
  return null;
}

export function describeSection(section: unknown): string {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return scalar(section) ?? '';
  const record = section as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => k !== 'name' && !/seed/i.test(k) && scalar(record[k]) !== null);
  keys.sort((a, b) => rank(a) - rank(b));
  // A string value names itself ("add"); a number needs its field's name.
  const parts = keys.slice(0, SHOWN).map((k) => (typeof record[k] === 'string' ? String(record[k]) : `${k} ${scalar(record[k])}`));
  const name = typeof record.name === 'string' ? record.name : '';
  return [name, ...parts].filter(Boolean).join(' · ');
}

function rank(key: string): number {
  const i = TELLING.indexOf(key);
  return i < 0 ? TELLING.length : i;
}
