import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, type TensorFile } from './safetensors.js';

const sample = (): TensorFile => ({
  tensors: {
    'embed.W_E': { dtype: 'F32', shape: [2, 3], data: Float32Array.from([1.5, -0, NaN, 3e-38, -Infinity, 7]) },
    b: { dtype: 'F64', shape: [3], data: Float64Array.from([Math.PI, -1e300, 5e-324]) },
    mask: { dtype: 'BOOL', shape: [2, 2], data: Uint8Array.from([1, 0, 1, 1]) },
    scalar: { dtype: 'F32', shape: [], data: Float32Array.from([-Infinity]) },
  },
  metadata: { step: '120', config_sha256: 'ab' },
});

describe('safetensors', () => {
  it('lays out an 8-byte little-endian header length, an aligned JSON header and contiguous data', () => {
    const bytes = encodeSafetensors(sample());
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.__metadata__).toEqual({ step: '120', config_sha256: 'ab' });
    expect(header['embed.W_E']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header.b).toEqual({ dtype: 'F64', shape: [3], data_offsets: [24, 48] });
    expect(header.mask).toEqual({ dtype: 'BOOL', shape: [2, 2], data_offsets: [48, 52] });
    expect(header.scalar).toEqual({ dtype: 'F32', shape: [], data_offsets: [52, 56] });
    expect(bytes.length).toBe(8 + n + 56);
    expect(view.getFloat64(8 + n + 24, true)).toBe(Math.PI);
  });

  it('round-trips every value bit for bit, each tensor in memory of its own', () => {
    const back = decodeSafetensors(encodeSafetensors(sample()));
    expect(back.metadata).toEqual(sample().metadata);
    for (const [name, t] of Object.entries(sample().tensors)) {
      const got = back.tensors[name];
      expect(got.dtype).toBe(t.dtype);
      expect(got.shape).toEqual(t.shape);
      expect(got.data.constructor).toBe(t.data.constructor);
      expect(Buffer.from(got.data.buffer)).toEqual(Buffer.from(t.data.buffer));
    }
  });

  it('rejects a tensor whose values do not fill its shape, and a truncated or foreign file', () => {
    expect(() => encodeSafetensors({ tensors: { w: { dtype: 'F32', shape: [2, 2], data: new Float32Array(3) } }, metadata: {} })).toThrow(
      /tensor w holds 3 F32 values, not a F32 \[2, 2\]/,
    );
    const bytes = encodeSafetensors(sample());
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 8), 'x.safetensors')).toThrow(
      /x.safetensors .*tensor mask .* offsets \[48, 52\] in 48 bytes/,
    );
    expect(() => decodeSafetensors(new TextEncoder().encode('hello world'), 'y')).toThrow(/y is not a readable safetensors file/);
  });
});
