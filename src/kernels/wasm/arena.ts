import type { FloatArray } from '../backend.js';
import type { LinearMemory } from './module.js';

type Elements = FloatArray | Int32Array;

const PAGE = 65536;
const ALIGN = 64;

/**
 * A bump allocator over the module's memory above its static data. Each kernel call resets
 * it and copies its operands in at cache-line-aligned offsets. Memory only grows, so once
 * the largest call has been seen no call allocates wasm memory again.
 */
export class Arena {
  private top: number;
  private f32!: Float32Array;
  private f64!: Float64Array;
  private i32!: Int32Array;

  constructor(
    private readonly memory: LinearMemory,
    private readonly base: number,
  ) {
    this.top = base;
    this.refreshViews();
  }

  reset(): void {
    this.top = this.base;
  }

  /** Reserve room for `length` elements like `like`; returns the byte offset. */
  alloc(like: Elements, length: number): number {
    const ptr = Math.ceil(this.top / ALIGN) * ALIGN;
    this.top = ptr + length * like.BYTES_PER_ELEMENT;
    const missing = this.top - this.memory.buffer.byteLength;
    if (missing > 0) {
      this.memory.grow(Math.ceil(missing / PAGE));
      // NOTE: growing detaches the old ArrayBuffer and every view on it.
      this.refreshViews();
    }
    return ptr;
  }

  /** Copy src[0, length) in; returns its byte offset. */
  copyIn(src: Elements, length: number): number {
    if (src.length < length) throw new RangeError(`wasm backend: operand has ${src.length} elements, needs ${length}`);
    const ptr = this.alloc(src, length);
    this.viewOf(src).set(length === src.length ? src : src.subarray(0, length), ptr / src.BYTES_PER_ELEMENT);
    return ptr;
  }

  /** Copy `length` elements at byte offset ptr out into dst[0, length). */
  copyOut(ptr: number, dst: Elements, length: number): void {
    const at = ptr / dst.BYTES_PER_ELEMENT;
    dst.set(this.viewOf(dst).subarray(at, at + length));
  }

  private viewOf(like: Elements): Elements {
    return like instanceof Float32Array ? this.f32 : like instanceof Float64Array ? this.f64 : this.i32;
  }

  private refreshViews(): void {
    const buffer = this.memory.buffer;
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }
}
