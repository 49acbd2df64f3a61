import { describe, expect, it } from 'vitest';
import { parseIdx } from './idx.js';

describe('IDX files', () => {
  it('reads the dimensions (big-endian) and the bytes', () => {
    const bytes = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
    const { shape, data } = parseIdx(bytes);
    expect(shape).toEqual([2, 1, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects other element types and truncated files', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), 'x.idx')).toThrow(/x\.idx: not an unsigned-byte IDX file/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 5, 1, 2]), 'y.idx')).toThrow(/y\.idx: shape \[5\] needs 13 bytes, the file has 10/);
  });
});
