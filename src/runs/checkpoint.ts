// Checkpoints: the parameters and the optimizer state at a step, bit-exact. One file: a magic
// line, a JSON header (the tree of the state with arrays replaced by references), the raw
// arrays, each 8-byte aligned, and the SHA-256 of everything before it, so a damaged file is
// told from an intact one before anything is restored from it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { State } from '../optim/transform.js';
import type { FloatArray } from '../tensor/index.js';
import { writeFileAtomic } from './files.js';

export interface Snapshot {
  step: number;
  params: Record<string, FloatArray>;
  optimizer: State;
}

const MAGIC = 'groklab-checkpoint-2\n';
/** Files written before the checksum: read without one. */
const MAGIC_UNCHECKED = 'groklab-checkpoint-1\n';
const CHECKSUM_BYTES = 32;

/** A checkpoint file that cannot be restored: cut short, damaged, or not a checkpoint at all. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

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
  const body = arrays.reduce((n, a) => n + padded(a.byteLength), start);
  const out = new Uint8Array(body + CHECKSUM_BYTES);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let offset = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += padded(a.byteLength);
  }
  out.set(sha256(out.subarray(0, body)), body);
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array, source = 'checkpoint'): Snapshot {
  const headerLength = bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) : 0;
  const text = new TextDecoder().decode(bytes.subarray(4, 4 + headerLength));
  const checked = text.startsWith(MAGIC);
  if (!checked && !text.startsWith(MAGIC_UNCHECKED)) throw new CheckpointError(`${source} is not a groklab checkpoint`);
  let header: { tree: Encoded; layout: { dtype: DTypeName; length: number }[] };
  try {
    header = JSON.parse(text.slice(text.indexOf('\n') + 1)) as typeof header;
  } catch {
    throw new CheckpointError(`${source} is truncated`);
  }
  const { tree, layout } = header;
  const body = layout.reduce((n, { dtype, length }) => n + padded(length * (dtype === 'float32' ? 4 : 8)), padded(4 + headerLength));
  if (bytes.length < body + (checked ? CHECKSUM_BYTES : 0)) throw new CheckpointError(`${source} is truncated`);
  if (checked && !sha256(bytes.subarray(0, body)).equals(bytes.subarray(body, body + CHECKSUM_BYTES))) {
    throw new CheckpointError(`${source} is damaged (its SHA-256 does not match its contents)`);
  }
  let offset = padded(4 + headerLength);
  // Copies, so every array owns aligned memory of its own.
  const arrays = layout.map(({ dtype, length }) => {
    const byteLength = length * (dtype === 'float32' ? 4 : 8);
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
