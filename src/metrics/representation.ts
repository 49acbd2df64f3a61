// How structured a learned representation is: rows h_i (one per example, e.g. a network's last
// hidden layer on held-out inputs) with class labels. A representation that generalizes groups
// each class together; one that memorizes scatters them (Omnigrok's "structured" against "messy"
// representations, Liu, Michaud & Tegmark 2023 §5).
import { svdRaw } from '../tensor/index.js';

export interface RepresentationStructure {
  /** between-class variance / total variance (η²): 1 when every class is a single point, ≈ 0 when the class means coincide */
  classSeparation: number;
  /** fraction of the variance along each of the first principal components */
  explained: number[];
  /** (Σλ)² / Σλ², the number of directions the variance effectively spreads over */
  participationRatio: number;
  /** each row's coordinates on the first two principal components */
  pc1: Float64Array;
  pc2: Float64Array;
}

/** `rows` [count, width] row-major; `labels` in 0 … classes−1. */
export function representationStructure(
  rows: ArrayLike<number>,
  count: number,
  width: number,
  labels: ArrayLike<number>,
  classes: number,
  components = 4,
): RepresentationStructure {
  if (rows.length !== count * width) throw new Error(`representationStructure: ${rows.length} values are not ${count} rows of width ${width}`);
  if (labels.length !== count) throw new Error(`representationStructure: ${labels.length} labels for ${count} rows`);
  const centered = Float64Array.from(rows);
  const mean = new Float64Array(width);
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) mean[j] += centered[i * width + j] / count;
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) centered[i * width + j] -= mean[j];
  const classMean = new Float64Array(classes * width);
  const classCount = new Float64Array(classes);
  for (let i = 0; i < count; i++) {
    classCount[labels[i]]++;
    for (let j = 0; j < width; j++) classMean[labels[i] * width + j] += centered[i * width + j];
  }
  let total = 0;
  let between = 0;
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) total += centered[i * width + j] ** 2;
  for (let c = 0; c < classes; c++) {
    if (classCount[c] === 0) continue;
    for (let j = 0; j < width; j++) between += classMean[c * width + j] ** 2 / classCount[c];
  }
  const { u, s } = svdRaw(centered, count, width);
  const k = s.length;
  const eigen = Array.from(s, (v) => v * v);
  const sum = eigen.reduce((a, b) => a + b, 0);
  const squares = eigen.reduce((a, b) => a + b * b, 0);
  const coordinate = (c: number) => Float64Array.from({ length: count }, (_, i) => (c < k ? u[i * k + c] * s[c] : 0));
  return {
    classSeparation: total > 0 ? between / total : 0,
    explained: eigen.slice(0, components).map((v) => (sum > 0 ? v / sum : 0)),
    participationRatio: squares > 0 ? (sum * sum) / squares : 0,
    pc1: coordinate(0),
    pc2: coordinate(1),
  };
}
