// The IDX format of the MNIST family (LeCun et al.): a magic word (0x0000 08 <dimensions> for
// unsigned bytes), the dimensions as big-endian uint32, then the bytes row-major. Gzipped files
// (as Debian ships them) are inflated first.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || view.getUint16(0) !== 0 || bytes[2] !== 0x08) {
    throw new Error(`${source}: not an unsigned-byte IDX file (magic ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('')})`);
  }
  const rank = bytes[3];
  const header = 4 + 4 * rank;
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + size) throw new Error(`${source}: shape [${shape.join(', ')}] needs ${header + size} bytes, the file has ${bytes.length}`);
  return { shape, data: bytes.subarray(header) };
}

export function readIdx(path: string): IdxArray {
  const raw = readFileSync(path);
  return parseIdx(path.endsWith('.gz') ? gunzipSync(raw) : raw, path);
}
