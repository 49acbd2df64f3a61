// Threefry-2x32 with 20 rounds: the counter-based block function behind every random number in
// groklab (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11),
// the same function JAX uses. It needs only 32-bit add, rotate and xor, so it is exact in JS.

/** Rotation constants R_32x2 of Random123, cycled every 8 rounds. */
const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;
/** Skein key-schedule parity constant: the third key word is k0 ^ k1 ^ this. */
const PARITY = 0x1bd11bda;
/** Key schedule scratch, reused so the hot loop allocates nothing. */
const ks = new Int32Array(3);

/**
 * Encrypts the counter (c0, c1) under the key (k0, k1) and writes the two output words to
 * out[at] and out[at + 1]. All inputs are uint32 values.
 */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number, out: Uint32Array, at = 0): void {
  ks[0] = k0;
  ks[1] = k1;
  ks[2] = k0 ^ k1 ^ PARITY;
  let x0 = (c0 + ks[0]) | 0;
  let x1 = (c1 + ks[1]) | 0;
  for (let round = 0; round < 20; round++) {
    const r = ROTATIONS[round % 8];
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << r) | (x1 >>> (32 - r))) ^ x0;
    if (round % 4 === 3) {
      // key injection s = 1..5 after every 4 rounds; the added s breaks symmetry between injections
      const s = (round + 1) / 4;
      x0 = (x0 + ks[s % 3]) | 0;
      x1 = (x1 + ks[(s + 1) % 3] + s) | 0;
    }
  }
  out[at] = x0;
  out[at + 1] = x1;
}
