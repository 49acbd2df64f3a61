// Checkpoints: the parameters and the optimizer state at a step, bit-exact. One file: a magic
// line, a JSON header (the tree of the state with arrays replaced by references), then the raw
// arrays, each 8-byte aligned.
import { readFileSync } from 'node:fs';
import type { State } from '../optim/transform.js';
import type { FloatArray } from '../tensor/index.js';
import { writeFileAtomic } from './files.js';

export interface Snapshot {
  step: number;
  params: Record<string, FloatArray>;
  optimizer: State;
}

const MAGIC = 'groklab-checkpoint-1\n';

type Encoded = number | { $array: number } | { [key: string]: Encoded };
type DTypeName = 'float32' | 'float64';

const padded = (bytes: number) => Math.ceil(bytes / 8) * 8;

export function encodeCheckpoint(snapshot: Snapshot): Uint8Array {
  const arrays: FloatArray[] = [];
  const encode = (value: unknown): Encoded => {
    if (typeof value === 'number') return value;
    if (value instanceof Float32Array || value instanceof Float64Array) {
      arrays.push(value);
      return { $array: arrays.length - 1 };
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    throw new Error(`checkpoint: cannot store a value of type ${typeof value}`);
  };
  const tree = encode({ step: snapshot.step, params: snapshot.params, optimizer: snapshot.optimizer });
  const layout = arrays.map((a) => ({ dtype: (a instanceof Float32Array ? 'float32' : 'float64') as DTypeName, length: a.length }));
  const header = new TextEncoder().encode(MAGIC + JSON.stringify({ tree, layout }));
  const start = padded(4 + header.length);
  const out = new Uint8Array(arrays.reduce((n, a) => n + padded(a.byteLength), start));
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let offset = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += padded(a.byteLength);
  }
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array, source = 'checkpoint'): Snapshot {
  const headerLength = bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) : 0;
  const text = new TextDecoder().decode(bytes.subarray(4, 4 + headerLength));
  if (!text.startsWith(MAGIC)) throw new Error(`${source} is not a groklab checkpoint`);
  const { tree, layout } = JSON.parse(text.slice(MAGIC.length)) as { tree: Encoded; layout: { dtype: DTypeName; length: number }[] };
  let offset = padded(4 + headerLength);
  // Copies, so every array owns aligned memory of its own.
  const arrays = layout.map(({ dtype, length }) => {
    const byteLength = length * (dtype === 'float32' ? 4 : 8);
    if (offset + byteLength > bytes.length) throw new Error(`${source} is truncated`);
    // NOTE: not bytes.slice(): on a Node Buffer it is a view, and .buffer the whole pool.
    const raw = new ArrayBuffer(byteLength);
    new Uint8Array(raw).set(bytes.subarray(offset, offset + byteLength));
    offset += padded(byteLength);
    return dtype === 'float32' ? new Float32Array(raw) : new Float64Array(raw);
  });
  const decode = (value: Encoded): unknown => {
    if (typeof value === 'number') return value;
    if (typeof value.$array === 'number') return arrays[value.$array];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v as Encoded)]));
  };
  return decode(tree) as Snapshot;
}

export function writeCheckpoint(path: string, snapshot: Snapshot): void {
  writeFileAtomic(path, encodeCheckpoint(snapshot));
}

export function readCheckpoint(path: string): Snapshot {
  return decodeCheckpoint(readFileSync(path), path);
}
