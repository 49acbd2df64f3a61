import { lanes } from './simd';

// Packing, after GotoBLAS (Goto & van de Geijn 2008, "Anatomy of High-Performance Matrix
// Multiplication"): copy a block of op(A) or op(B) into narrow panels so the micro-kernel
// streams both operands with unit stride, whatever the transposes were.
//
// The block has `width` rows (the m or n direction) and `depth` columns (the k direction);
// element (w, l) sits at src + (w·sw + l·sl)·sizeof<T>(). Each panel of W rows is stored
// depth-major: dst[panel·W·depth + l·W + q]. The last panel is padded with zero rows, so the
// micro-kernel always runs a full tile and never branches inside its k loop; the padding only
// feeds tile entries that are never stored, and zeros keep them free of NaN and denormal
// slow paths.
export function pack<T extends number>(src: usize, sw: usize, sl: usize, width: i32, depth: i32, W: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  for (let w0 = 0; w0 < width; w0 += W) {
    const rows = min(W, width - w0);
    const panel = src + <usize>w0 * sw * size;
    if (sw == 1 && rows == W) copyPanel<T>(panel, sl, depth, W, dst);
    else if (sl == 1) transposePanel<T>(panel, sw, rows, depth, W, dst);
    else gatherLanes<T>(panel, sw, sl, rows, W, depth, W, dst); // the edge panel of a copyPanel layout
    dst += <usize>(W * depth) * size;
  }
}

// Unit stride along w: each depth step is W contiguous elements, moved as whole vectors.
function copyPanel<T extends number>(src: usize, sl: usize, depth: i32, W: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  const bytes = <usize>W * size;
  const vectors = bytes & ~15;
  for (let l = 0; l < depth; l++) {
    let o: usize = 0;
    for (; o < vectors; o += 16) v128.store(dst + o, v128.load(src + o));
    for (; o < bytes; o += size) store<T>(dst + o, load<T>(src + o));
    src += sl * size;
    dst += bytes;
  }
}

// Unit stride along k (a row-major op(A), or op(B) = Bᵀ): transpose lanes × lanes blocks in
// registers; rows that do not fill a block (W = MR is not a multiple of the lane count, edge
// panels) are scattered lane by lane, and the padding lanes zeroed.
function transposePanel<T extends number>(src: usize, sw: usize, rows: i32, depth: i32, W: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const blocked = depth & ~(L - 1);
  const tail = <usize>blocked * size;
  let q = 0;
  for (; q + L <= rows; q += L) {
    const s = src + <usize>q * sw * size;
    const d = dst + <usize>q * size;
    for (let l = 0; l < blocked; l += L) {
      transposeBlock<T>(s + <usize>l * size, sw * size, d + <usize>(l * W) * size, <usize>W * size);
    }
    gatherLanes<T>(s + tail, sw, 1, L, L, depth - blocked, W, d + <usize>W * tail);
  }
  for (; q < rows; q++) scatterRow<T>(src + <usize>q * sw * size, depth, W, dst + <usize>q * size);
  gatherLanes<T>(src, sw, 1, 0, W - q, depth, W, dst + <usize>q * size);
}

// Read a lanes × lanes block with rows `ss` bytes apart, write its transpose with rows `ds`
// bytes apart.
// @ts-ignore: decorator
@inline function transposeBlock<T extends number>(s: usize, ss: usize, d: usize, ds: usize): void {
  if (sizeof<T>() == 4) {
    const r0 = v128.load(s), r1 = v128.load(s + ss);
    const r2 = v128.load(s + 2 * ss), r3 = v128.load(s + 3 * ss);
    const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
    const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5), t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
    v128.store(d, v128.shuffle<f64>(t0, t2, 0, 2));
    v128.store(d + ds, v128.shuffle<f64>(t0, t2, 1, 3));
    v128.store(d + 2 * ds, v128.shuffle<f64>(t1, t3, 0, 2));
    v128.store(d + 3 * ds, v128.shuffle<f64>(t1, t3, 1, 3));
  } else {
    const r0 = v128.load(s), r1 = v128.load(s + ss);
    v128.store(d, v128.shuffle<f64>(r0, r1, 0, 2));
    v128.store(d + ds, v128.shuffle<f64>(r0, r1, 1, 3));
  }
}

// One contiguous row into lane 0 of `dst`: whole vectors in, one lane out at a time.
function scatterRow<T extends number>(src: usize, depth: i32, W: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const step = <usize>W * size;
  let l = 0;
  for (; l + L <= depth; l += L) {
    const v = v128.load(src + <usize>l * size);
    if (sizeof<T>() == 4) {
      v128.store_lane<f32>(dst, v, 0);
      v128.store_lane<f32>(dst + step, v, 1);
      v128.store_lane<f32>(dst + 2 * step, v, 2);
      v128.store_lane<f32>(dst + 3 * step, v, 3);
    } else {
      v128.store_lane<f64>(dst, v, 0);
      v128.store_lane<f64>(dst + step, v, 1);
    }
    dst += <usize>L * step;
  }
  gatherLanes<T>(src + <usize>l * size, 0, 1, 1, 1, depth - l, W, dst);
}

// Element by element: `count` lanes of a panel over `depth` steps; lanes at or past `valid`
// are zero.
function gatherLanes<T extends number>(src: usize, sw: usize, sl: usize, valid: i32, count: i32, depth: i32, W: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  for (let q = 0; q < count; q++) {
    let s = src + <usize>q * sw * size;
    let d = dst + <usize>q * size;
    for (let l = 0; l < depth; l++) {
      store<T>(d, q < valid ? load<T>(s) : <T>0);
      s += sl * size;
      d += <usize>W * size;
    }
  }
}
