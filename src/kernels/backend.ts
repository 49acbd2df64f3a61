// The hot loops of groklab behind one interface. Everything else in the engine is written in
// plain TypeScript on top of these; a backend only has to be fast where the time goes.
//
// Arrays are row-major and may be subarrays of a larger buffer. Every kernel is deterministic:
// a fixed blocking and summation order, so the same inputs give bit-identical outputs on the
// same machine and backend.

export type FloatArray = Float32Array | Float64Array;

/**
 * Batched GEMM: for every b < batch, C_b (+)= op(A_b) · op(B_b), where op(X) = Xᵀ when the
 * trans flag is set. op(A_b) is m×k, op(B_b) is k×n and C_b is m×n, all dense row-major.
 * A_b starts at element b·strideA of `a` (stride 0 broadcasts one matrix over the batch),
 * likewise for B and C. `a`, `b` and `c` share one element type, and `c` never aliases them.
 */
export interface GemmArgs<T extends FloatArray = FloatArray> {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: T;
  b: T;
  c: T;
  /** add into C instead of overwriting it */
  accumulate: boolean;
  batch: number;
  strideA: number;
  strideB: number;
  strideC: number;
}

/** Hyper-parameters of one AdamW step (Loshchilov & Hutter 2019, decoupled decay). */
export interface AdamWArgs {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** 1-based step count, for the bias corrections */
  step: number;
}

export type Activation = 'none' | 'relu';

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/** What scaleBlocks does with block e's scale s: out = s·x, out += s·x, or out += s·sign(x). */
export type BlockMode = 'scale' | 'axpy' | 'sign';

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017) over `batch` sequences: q is
 * [batch, queries, heads·dHead], k and v are [batch, keys, heads·dHead] (the projections'
 * layout: no transposes), the output z is q's shape, and p [batch, heads, queries, keys]
 * holds the softmax weights (0 where masked). Query row i sits at position keys − queries + i,
 * so with causal masking it reads keys 0 … keys − queries + i.
 */
export interface AttentionShape {
  batch: number;
  heads: number;
  dHead: number;
  queries: number;
  keys: number;
  scale: number;
  causal: boolean;
}

export interface Backend {
  readonly name: 'js' | 'wasm' | 'native';
  gemm(args: GemmArgs): void;
  /** out[i, j] = act(x[i, j] + bias[j]) for x of shape rows × cols (out may alias x). */
  biasActivation(x: FloatArray, bias: FloatArray | null, rows: number, cols: number, act: Activation, out: FloatArray): void;
  /**
   * The backward pass of biasActivation, read off its output: gradIn = gradOut ⊙ act′(out)
   * and, when `gradBias` is given, gradBias[j] = Σ_i gradIn[i, j] summed in Float64 in row order.
   */
  biasActivationBackward(
    out: FloatArray,
    gradOut: FloatArray,
    rows: number,
    cols: number,
    act: Activation,
    gradIn: FloatArray,
    gradBias: FloatArray | null,
  ): void;
  /**
   * Fused, numerically stable softmax cross-entropy over rows of `logits` (rows × cols).
   * Returns the summed loss (in Float64) and, when `dlogits` is given, writes
   * scale · (softmax(logits) − onehot(labels)) into it.
   */
  softmaxCrossEntropy(logits: FloatArray, labels: Int32Array, rows: number, cols: number, dlogits: FloatArray | null, scale: number): number;
  /**
   * The AdamW update of one parameter, fused: advances the moments m, v in place and writes
   * the update −lr·(m̂/(√v̂ + eps) + weightDecay·param) over `grad`; param is only read.
   */
  adamw(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, args: AdamWArgs): void;
  /**
   * out[i] = a[i mod periodA] ∘ b[i mod periodB] for every i < out.length: operands that tile
   * the output (equal to it, or repeated along leading axes, like a bias or a scalar). Each
   * period divides out.length and the smaller divides the larger; out may alias an operand
   * whose period is out.length. Rounds once per element, like the reference.
   */
  tiled(op: BinaryOp, a: FloatArray, periodA: number, b: FloatArray, periodB: number, out: FloatArray): void;
  /**
   * gx[(o·len + index[i])·inner + j] += g[(o·index.length + i)·inner + j] for o < outer, in
   * that order: the gradient of gathering rows (embedding, take). Indices lie in [0, len).
   */
  scatterAdd(g: FloatArray, index: Int32Array, outer: number, len: number, inner: number, gx: FloatArray): void;
  /** out[(o·index.length + i)·inner + j] = x[(o·len + index[i])·inner + j]: rows picked by index (take). */
  gather(x: FloatArray, index: Int32Array, outer: number, len: number, inner: number, out: FloatArray): void;
  /**
   * out[o·inner + i] = Σ_l x[(o·len + l)·inner + i] for o < outer, i < inner: a sum along one
   * axis, added in increasing l in the element type (out is overwritten).
   */
  sumAxis(x: FloatArray, outer: number, len: number, inner: number, out: FloatArray): void;
  /** dst[r·dstStride + j] = src[r·srcStride + j] for r < rows, j < width (no overlap): concat and slice along inner axes. */
  copyRows(src: FloatArray, srcStride: number, dst: FloatArray, dstStride: number, rows: number, width: number): void;
  /**
   * The elementwise core of the optimizer transforms over an ensemble axis: x and out hold
   * scales.length equal blocks (members), block e scaled by s = scales[e]. 'scale': out[i] =
   * s·x[i] (out may be x); 'axpy': out[i] += s·x[i]; 'sign': out[i] += s·sign(x[i]) with
   * sign(0) = sign(NaN) = 0. Computed in f64 and rounded once, like the reference; in 'axpy' and
   * 'sign' a block with s = 0 is left as it is (no weight decay means no pass).
   */
  scaleBlocks(mode: BlockMode, scales: Float64Array, x: FloatArray, out: FloatArray): void;
  /**
   * The sweeps of one-sided Jacobi (Hestenes 1958) on each of `batch` matrices of w (matrix k:
   * c columns of length r, column-major, at k·r·c): pairs p < q in order are rotated until
   * every pair has a column of squared norm ≤ negligible[k] or |w_p·w_q| ≤ tol·‖w_p‖‖w_q‖;
   * v (batch × c × c, column-major), when given, receives the same rotations. sweeps[k]: the
   * sweeps matrix k took, −1 if maxSweeps did not suffice. Each matrix's result is that of the
   * matrix alone: a batch only lets a backend work on several at once.
   */
  jacobiSweeps(
    w: Float64Array,
    batch: number,
    r: number,
    c: number,
    v: Float64Array | null,
    tol: number,
    negligible: Float64Array,
    maxSweeps: number,
    sweeps: Int32Array,
  ): void;
  /**
   * Least squares for `members` parameter vectors at once against one design: residual =
   * θ Xᵀ − y (θ is members × cols, X rows × cols, residual members × rows), losses[e] =
   * ½‖residual_e‖² summed in row order, grad = residual · X (members × cols). Float64 only.
   * The estimation tasks take 1e6–1e8 such tiny steps, so one call does all three.
   */
  leastSquares(
    theta: Float64Array,
    x: Float64Array,
    y: Float64Array,
    members: number,
    rows: number,
    cols: number,
    residual: Float64Array,
    grad: Float64Array,
    losses: Float64Array,
  ): void;
  /** z = softmax(scale · q kᵀ, masked) v per head, writing z and the weights p; see AttentionShape. */
  attention(shape: AttentionShape, q: FloatArray, k: FloatArray, v: FloatArray, z: FloatArray, p: FloatArray): void;
  /** The gradients of attention() w.r.t. q, k and v given dz (all three overwritten). */
  attentionBackward(
    shape: AttentionShape,
    q: FloatArray,
    k: FloatArray,
    v: FloatArray,
    p: FloatArray,
    dz: FloatArray,
    dq: FloatArray,
    dk: FloatArray,
    dv: FloatArray,
  ): void;
  /**
   * LayerNorm over the rows of x [rows, cols]: out = (x − mean)·rstd·gamma + beta with
   * rstd = 1/√(variance + eps) (the biased variance), computed in f64 and rounded once; each
   * row's mean and rstd go to stats[2·row], stats[2·row + 1] for the backward.
   */
  layerNorm(x: FloatArray, gamma: FloatArray, beta: FloatArray, rows: number, cols: number, eps: number, out: FloatArray, stats: Float64Array): void;
  /**
   * The gradients of layerNorm given gradOut and its stats: gradX [rows, cols], and gradGamma,
   * gradBeta [cols] summed over the rows in f64 (all three overwritten).
   */
  layerNormBackward(
    x: FloatArray,
    gamma: FloatArray,
    stats: Float64Array,
    gradOut: FloatArray,
    rows: number,
    cols: number,
    gradX: FloatArray,
    gradGamma: FloatArray,
    gradBeta: FloatArray,
  ): void;
  /**
   * The recurrence of one LSTM layer (Hochreiter & Schmidhuber 1997, PyTorch's gate order i, f,
   * g, o) over `steps` time steps of `rows` sequences of `hidden` units, from the zero state.
   * `acts` [steps, rows, 4·hidden] holds each step's input projection x_t·W_ih + b on entry;
   * step t adds h_{t−1}·W_hh (whh [hidden, 4·hidden]) and leaves the activations (σ(i), σ(f),
   * tanh(g), σ(o)) in place; c_t = f·c_{t−1} + i·g and h_t = o·tanh(c_t) go to `cells` and `hs`
   * [steps, rows, hidden]. Native computes in the element type: f64 within a few ulp of the
   * reference (computed in f64), f32 within a few f32 ulp of it (as PyTorch's f32 kernels).
   */
  lstmForward(acts: FloatArray, whh: FloatArray, steps: number, rows: number, hidden: number, cells: FloatArray, hs: FloatArray): void;
  /**
   * Backpropagation through time of lstmForward, from its activations and cells: dOut [steps,
   * rows, hidden] is the gradient reaching each h_t from outside the layer; dGates [steps, rows,
   * 4·hidden] receives the gradient of every step's pre-activations (x_t·W_ih + b + h_{t−1}·W_hh).
   */
  lstmBackward(acts: FloatArray, cells: FloatArray, whh: FloatArray, dOut: FloatArray, steps: number, rows: number, hidden: number, dGates: FloatArray): void;
}
