// The safetensors format (huggingface/safetensors), so weights open in numpy, torch and
// TransformerLens: an 8-byte little-endian header length N, N bytes of JSON —
// {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__: {string: string}} — then the
// tensors' bytes, little-endian and row-major, offsets counted from the end of the header.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './files.js';

/** The element types groklab writes and reads, by their safetensors names. */
const ELEMENT_BYTES = { F32: 4, F64: 8, BOOL: 1 } as const;
export type SafetensorsDType = keyof typeof ELEMENT_BYTES;

export type TensorData = Float32Array | Float64Array | Uint8Array;

export interface NamedTensor {
  dtype: SafetensorsDType;
  shape: number[];
  data: TensorData;
}

export interface TensorFile {
  tensors: Record<string, NamedTensor>;
  /** free-form strings (the format allows no other value type) */
  metadata: Record<string, string>;
}

const dtypeOf = (data: TensorData): SafetensorsDType => (data instanceof Float32Array ? 'F32' : data instanceof Float64Array ? 'F64' : 'BOOL');
const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Encodes the tensors in the order given; every value must be little-endian already (as on x86 and ARM). */
export function encodeSafetensors({ tensors, metadata }: TensorFile): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (name === '__metadata__') throw new Error('safetensors: "__metadata__" cannot name a tensor');
    if (dtypeOf(t.data) !== t.dtype || t.data.length !== count(t.shape)) {
      throw new Error(`safetensors: tensor ${name} holds ${t.data.length} ${dtypeOf(t.data)} values, not a ${t.dtype} [${t.shape.join(', ')}]`);
    }
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Spaces after the JSON keep the data 8-byte aligned, as the reference writer does.
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const t of Object.values(tensors)) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Decodes a safetensors file; each tensor gets memory of its own (a copy), aligned for its type. */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors file'): TensorFile {
  const bad = (why: string) => new Error(`${source} is not a readable safetensors file: ${why}`);
  if (bytes.length < 8) throw bad('shorter than its 8-byte header length');
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true));
  if (8 + headerLength > bytes.length) throw bad(`a ${headerLength}-byte header in ${bytes.length} bytes`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  } catch (error) {
    throw bad(`header is not JSON (${(error as Error).message})`);
  }
  const data = bytes.subarray(8 + headerLength);
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors: Record<string, NamedTensor> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = value as HeaderEntry;
    if (!(dtype in ELEMENT_BYTES)) throw bad(`tensor ${name} has dtype ${dtype}; groklab reads ${Object.keys(ELEMENT_BYTES).join(', ')}`);
    const width = ELEMENT_BYTES[dtype as SafetensorsDType];
    if (!(begin >= 0 && begin <= end && end <= data.length) || end - begin !== count(shape) * width) {
      throw bad(`tensor ${name} [${shape.join(', ')}] ${dtype} has offsets [${begin}, ${end}] in ${data.length} bytes of data`);
    }
    // NOTE: a copy, not a view: a Node Buffer's .buffer is a shared pool, and a view need not be aligned.
    const raw = new ArrayBuffer(end - begin);
    new Uint8Array(raw).set(data.subarray(begin, end));
    const array = dtype === 'F32' ? new Float32Array(raw) : dtype === 'F64' ? new Float64Array(raw) : new Uint8Array(raw);
    tensors[name] = { dtype: dtype as SafetensorsDType, shape: [...shape], data: array };
  }
  return { tensors, metadata };
}

export function writeSafetensors(path: string, file: TensorFile): void {
  writeFileAtomic(path, encodeSafetensors(file));
}

export function readSafetensors(path: string): TensorFile {
  return decodeSafetensors(readFileSync(path), path);
}
