import type { AttentionShape, FloatArray } from '../backend.js';

// The reference attention kernels: one query row of one head at a time, in f64 arithmetic.
// Element (b, s, h, l) of q, k, v, z lives at ((b·len + s)·heads + h)·dHead + l, the layout the
// projections produce, so no transposes are needed around the kernel.

/** The last key position query row i may read: itself when causal, else the last one. */
const lastKey = (s: AttentionShape, i: number) => (s.causal ? s.keys - s.queries + i : s.keys - 1);

/**
 * Calls row() for every query row of every head: `key(j)` is where key row j of this sequence
 * and head starts in k and v, `qo` where the query row starts in q (and z, dz, dq), `po` where
 * its weights start in p, `last` the last key it reads.
 */
function forEachQueryRow(s: AttentionShape, row: (key: (j: number) => number, qo: number, po: number, last: number) => void): void {
  const { batch, heads, dHead, queries, keys } = s;
  const width = heads * dHead;
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      const key = (j: number) => (b * keys + j) * width + h * dHead;
      for (let i = 0; i < queries; i++) row(key, (b * queries + i) * width + h * dHead, ((b * heads + h) * queries + i) * keys, lastKey(s, i));
    }
  }
}

export function attention(s: AttentionShape, q: FloatArray, k: FloatArray, v: FloatArray, z: FloatArray, p: FloatArray): void {
  const { dHead, keys, scale } = s;
  const scores = new Float64Array(keys);
  forEachQueryRow(s, (key, qo, po, last) => {
    let max = -Infinity;
    for (let j = 0; j <= last; j++) {
      const ko = key(j);
      let dot = 0;
      for (let l = 0; l < dHead; l++) dot += q[qo + l] * k[ko + l];
      scores[j] = dot * scale;
      if (scores[j] > max) max = scores[j];
    }
    let sum = 0;
    for (let j = 0; j <= last; j++) sum += scores[j] = Math.exp(scores[j] - max);
    for (let j = 0; j < keys; j++) p[po + j] = j <= last ? scores[j] / sum : 0;
    for (let l = 0; l < dHead; l++) {
      let acc = 0;
      for (let j = 0; j <= last; j++) acc += p[po + j] * v[key(j) + l];
      z[qo + l] = acc;
    }
  });
}

/**
 * Given p from attention() and dz, overwrites dq, dk, dv. Per query row, with
 * dp_j = dz·v_j: ds_j = p_j (dp_j − Σ_j' p_j' dp_j'), dq = scale Σ_j ds_j k_j,
 * dk_j += scale ds_j q, dv_j += p_j dz.
 */
export function attentionBackward(
  s: AttentionShape,
  q: FloatArray,
  k: FloatArray,
  v: FloatArray,
  p: FloatArray,
  dz: FloatArray,
  dq: FloatArray,
  dk: FloatArray,
  dv: FloatArray,
): void {
  const { dHead, keys, scale } = s;
  dk.fill(0);
  dv.fill(0);
  const ds = new Float64Array(keys);
  forEachQueryRow(s, (key, qo, po, last) => {
    let weighted = 0;
    for (let j = 0; j <= last; j++) {
      const vo = key(j);
      let dot = 0;
      for (let l = 0; l < dHead; l++) dot += dz[qo + l] * v[vo + l];
      ds[j] = dot;
      weighted += p[po + j] * dot;
    }
    for (let j = 0; j <= last; j++) ds[j] = p[po + j] * (ds[j] - weighted) * scale;
    for (let l = 0; l < dHead; l++) {
      let acc = 0;
      for (let j = 0; j <= last; j++) acc += ds[j] * k[key(j) + l];
      dq[qo + l] = acc;
    }
    for (let j = 0; j <= last; j++) {
      const ko = key(j);
      for (let l = 0; l < dHead; l++) {
        dk[ko + l] += ds[j] * q[qo + l];
        dv[ko + l] += p[po + j] * dz[qo + l];
      }
    }
  });
}
