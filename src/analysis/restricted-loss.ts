// Nanda et al. 2023's progress measures for modular addition, on the logits over every pair
// (a, b): a network that has found the Fourier algorithm makes its logits for c from cos(w(a+b))
// and sin(w(a+b)) of a few key frequencies w.
//   restricted loss: the logits projected onto those directions (plus the constant) alone;
//   excluded loss:   the logits with those directions removed.
// Their code projects the MLP's neuron activations and maps them through W_out·W_U; projecting
// the logits instead is the same for every part of the logits that passes through the neurons
// (the projection acts on the pair axis, the map on the other), and needs no knowledge of the
// architecture.

/** Which residue s(a, b) a pair's logits follow: a + b (addition) or a − b (subtraction), mod p. */
export type PairSum = 'add' | 'sub';

export const pairResidue = (a: number, b: number, p: number, op: PairSum): number => (op === 'add' ? (a + b) % p : (((a - b) % p) + p) % p);

/** Σ of each logit column over the p pairs of each residue s: a [p, classes] table (each residue is hit by exactly p pairs). */
function sumsByResidue(logits: ArrayLike<number>, p: number, classes: number, op: PairSum): Float64Array {
  const bySum = new Float64Array(p * classes);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const row = (a * p + b) * classes;
      const s = pairResidue(a, b, p, op) * classes;
      for (let c = 0; c < classes; c++) bySum[s + c] += logits[row + c];
    }
  }
  return bySum;
}

/**
 * How much of the logits lies on each frequency w = 1 … ⌊p/2⌋ of the pair residue s: the squared
 * norm of their projection on span{cos(w·s), sin(w·s)}, summed over the classes (index w − 1).
 * A network computing a ± b by the Fourier algorithm puts nearly all of it on its key frequencies.
 */
export function logitFrequencyPower(logits: ArrayLike<number>, p: number, classes: number, op: PairSum): Float64Array {
  if (logits.length !== p * p * classes)
    throw new RangeError(`logitFrequencyPower: logits over all ${p}² pairs need ${p * p * classes} values, got ${logits.length}`);
  const bySum = sumsByResidue(logits, p, classes, op);
  const power = new Float64Array(Math.floor(p / 2));
  for (let w = 1; w <= power.length; w++) {
    for (const trig of 2 * w === p ? [Math.cos] : [Math.cos, Math.sin]) {
      const f = Float64Array.from({ length: p }, (_, s) => trig((2 * Math.PI * w * s) / p));
      let norm2 = 0;
      for (let s = 0; s < p; s++) norm2 += f[s] * f[s];
      for (let c = 0; c < classes; c++) {
        let dot = 0;
        for (let s = 0; s < p; s++) dot += bySum[s * classes + c] * f[s];
        // ‖projection‖² over the p² pairs = (Σ_pairs L·f)² / Σ_pairs f² = dot² / (p·norm2)
        power[w - 1] += (dot * dot) / (p * norm2);
      }
    }
  }
  return power;
}

/**
 * The part of every logit column that lies in span{cos(w·s), sin(w·s) : w ∈ frequencies}, as a
 * function of s = s(a, b): a [p, classes] table. `logits` is [p², classes] with row a·p + b.
 * With `constant`, the column mean (the constant direction) is included.
 */
export function keyComponent(
  logits: ArrayLike<number>,
  p: number,
  classes: number,
  frequencies: readonly number[],
  op: PairSum,
  constant: boolean,
): Float64Array {
  if (logits.length !== p * p * classes) throw new RangeError(`keyComponent: logits over all ${p}² pairs need ${p * p * classes} values, got ${logits.length}`);
  for (const w of frequencies)
    if (!(Number.isInteger(w) && w >= 1 && w <= Math.floor(p / 2)))
      throw new RangeError(`keyComponent: frequency ${w} is not an integer in 1 … ${Math.floor(p / 2)}`);
  // A projection over the p² pairs onto a function of s only needs the column sums per residue.
  const bySum = sumsByResidue(logits, p, classes, op);
  const out = new Float64Array(p * classes);
  const directions: Float64Array[] = constant ? [new Float64Array(p).fill(1)] : [];
  for (const w of frequencies) {
    directions.push(Float64Array.from({ length: p }, (_, s) => Math.cos((2 * Math.PI * w * s) / p)));
    if (2 * w !== p) directions.push(Float64Array.from({ length: p }, (_, s) => Math.sin((2 * Math.PI * w * s) / p)));
  }
  // The directions are orthogonal over Z_p, so the projection is a sum of one-dimensional ones:
  // coefficient = Σ_pairs L·f / Σ_pairs f² = Σ_s S[s]·f(s) / (p·Σ_s f(s)²).
  for (const f of directions) {
    let norm2 = 0;
    for (let s = 0; s < p; s++) norm2 += f[s] * f[s];
    for (let c = 0; c < classes; c++) {
      let dot = 0;
      for (let s = 0; s < p; s++) dot += bySum[s * classes + c] * f[s];
      const coefficient = dot / (p * norm2);
      for (let s = 0; s < p; s++) out[s * classes + c] += coefficient * f[s];
    }
  }
  return out;
}

/** Mean cross-entropy (float64 log-softmax) of example i's logits `row(i)` against `labels[i]`. */
export function meanCrossEntropy(row: (i: number) => ArrayLike<number>, labels: ArrayLike<number>): number {
  if (labels.length === 0) throw new RangeError('meanCrossEntropy of no examples is undefined');
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const z = row(i);
    let max = -Infinity;
    for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]);
    let sum = 0;
    for (let c = 0; c < z.length; c++) sum += Math.exp(z[c] - max);
    total += max + Math.log(sum) - z[labels[i]];
  }
  return total / labels.length;
}

export interface ProgressLosses {
  /** loss of the key-frequency part of the logits alone (with the constant) */
  restricted: number;
  /** loss of the logits without their key-frequency part */
  excluded: number;
}

/**
 * Restricted and excluded loss of logits over all pairs, each on its own set of pairs (row
 * indices a·p + b and their labels).
 */
export function progressLosses(
  logits: ArrayLike<number>,
  p: number,
  frequencies: readonly number[],
  op: PairSum,
  restrictedOn: { rows: ArrayLike<number>; labels: ArrayLike<number> },
  excludedOn: { rows: ArrayLike<number>; labels: ArrayLike<number> },
): ProgressLosses {
  const classes = p;
  const kept = keyComponent(logits, p, classes, frequencies, op, true);
  const removed = keyComponent(logits, p, classes, frequencies, op, false);
  const residue = (row: number) => pairResidue(Math.floor(row / p), row % p, p, op);
  const excludedRow = new Float64Array(classes);
  return {
    // The restricted logits depend on the pair only through its residue s.
    restricted: meanCrossEntropy(
      (i) => kept.subarray(residue(restrictedOn.rows[i]) * classes, (residue(restrictedOn.rows[i]) + 1) * classes),
      restrictedOn.labels,
    ),
    excluded: meanCrossEntropy((i) => {
      const row = excludedOn.rows[i];
      const s = residue(row) * classes;
      for (let c = 0; c < classes; c++) excludedRow[c] = logits[row * classes + c] - removed[s + c];
      return excludedRow;
    }, excludedOn.labels),
  };
}
