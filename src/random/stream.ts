// Counter-mode stream of uint32 words under one key. Word i is the xor of the two Threefry
// output words for counter i (as jax.random.bits does for 32-bit draws), so the first m words
// never depend on how many are drawn afterwards: every sampler is prefix-stable.
import { threefry2x32 } from './threefry.js';
import type { Key } from './key.js';

export class WordStream {
  private i = 0;
  private readonly block = new Uint32Array(2);

  constructor(private readonly k: Key) {}

  /** The next uint32 word. */
  next(): number {
    const i = this.i++;
    threefry2x32(this.k[0], this.k[1], i < 2 ** 32 ? 0 : Math.floor(i / 2 ** 32), i >>> 0, this.block);
    return (this.block[0] ^ this.block[1]) >>> 0;
  }

  /** A float in [0, 1) with 53 random bits from two words (genrand_res53 of Matsumoto & Nishimura 1998). */
  unit53(): number {
    return ((this.next() >>> 5) * 2 ** 26 + (this.next() >>> 6)) * 2 ** -53;
  }

  /** An integer uniform on [0, range), 1 ≤ range ≤ 2^32, exactly: words in the incomplete top block are rejected. */
  below(range: number): number {
    const limit = 2 ** 32 - (2 ** 32 % range);
    let w = this.next();
    while (w >= limit) w = this.next();
    return w % range;
  }
}
