import { backend } from '../kernels/index.js';
import { TensorError, fmtShape } from './errors.js';
import { allocateUninit, trackGrad } from './memory.js';
import { sameShape } from './shape.js';
import { Tensor, type GradNode } from './tensor.js';

let recording = true;

export function isRecording(): boolean {
  return recording;
}

/** Runs `fn` without recording a graph: evaluation, optimizer updates, gradient formulas. */
export function noGrad<T>(fn: () => T): T {
  const previous = recording;
  recording = false;
  try {
    return fn();
  } finally {
    recording = previous;
  }
}

/** Attaches a graph node to `out` when any input needs a gradient and recording is on. */
export function record(out: Tensor, op: string, inputs: readonly Tensor[], backward: GradNode['backward']): Tensor {
  if (recording && inputs.some((t) => t.requiresGrad)) {
    out.requiresGrad = true;
    out.node = { op, inputs, backward };
  }
  return out;
}

/** Inputs before outputs, by an iterative depth-first search (graphs can be deep). */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  const stack: { t: Tensor; next: number }[] = [{ t: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top.t.node?.inputs ?? [];
    if (top.next < inputs.length) {
      const child = inputs[top.next++];
      if (child.requiresGrad && !seen.has(child)) {
        seen.add(child);
        stack.push({ t: child, next: 0 });
      }
    } else {
      order.push(top.t);
      stack.pop();
    }
  }
  return order;
}

/**
 * Accumulates d(root)/d(leaf) into `.grad` of every leaf with requiresGrad, then frees the graph
 * so that nothing of this step is retained. Gradients are computed without recording.
 */
export function backward(root: Tensor, seed?: Tensor): void {
  if (!root.requiresGrad) throw new TensorError('backward', 'the tensor does not depend on any tensor with requiresGrad');
  if (!seed && root.size !== 1) throw new TensorError('backward', `needs a seed gradient for a non-scalar output of shape ${fmtShape(root.shape)}`);
  if (seed && !sameShape(seed.shape, root.shape))
    throw new TensorError('backward', `seed shape ${fmtShape(seed.shape)} differs from output shape ${fmtShape(root.shape)}`);
  const order = topologicalOrder(root);
  noGrad(() => {
    const grads = new Map<Tensor, Tensor>();
    // Sums made here: storage of their own, so later terms can be added in place.
    const sums = new Set<Tensor>();
    grads.set(root, seed ?? onesOf(root));
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      const g = grads.get(t);
      grads.delete(t);
      if (!g) continue;
      // Handed on, a sum may come back as the gradient of several inputs (add passes it through).
      sums.delete(g);
      if (!t.node) {
        // NOTE: gradients flowing back may share storage (add passes one to both inputs), and
        // optimizers rewrite .grad in place, so a leaf always gets storage of its own.
        t.grad = t.grad ? addInto(t.grad, g) : copyOf(g);
        trackGrad(t);
        continue;
      }
      const inputGrads = t.node.backward(g);
      t.node.inputs.forEach((input, k) => {
        const gi = inputGrads[k];
        if (!gi || !input.requiresGrad) return;
        if (!sameShape(gi.shape, input.shape))
          throw new TensorError(`backward of ${t.node!.op}`, `gradient shape ${fmtShape(gi.shape)} differs from input shape ${fmtShape(input.shape)}`);
        const prev = grads.get(input);
        if (!prev) grads.set(input, gi);
        else if (sums.has(prev)) addInPlace(prev, gi);
        else {
          const sum = addInto(prev, gi);
          sums.add(sum);
          grads.set(input, sum);
        }
      });
    }
  });
  for (const t of order) t.node = null;
}

function onesOf(t: Tensor): Tensor {
  const data = t.dtype === 'float32' ? new Float32Array(1) : new Float64Array(1);
  data[0] = 1;
  return new Tensor(data, t.shape);
}

function copyOf(t: Tensor): Tensor {
  const data = allocateUninit(t.dtype, t.size);
  data.set(t.data);
  return new Tensor(data, t.shape);
}

/** NOTE: gradients may share storage with forward values, so accumulate into a fresh array. */
function addInto(a: Tensor, b: Tensor): Tensor {
  const data = allocateUninit(a.dtype, a.size);
  backend().tiled('add', a.data, a.size, b.data, b.size, data);
  return new Tensor(data, a.shape);
}

/** a += b, for a sum that backward() allocated itself (nothing else reads its storage). */
function addInPlace(a: Tensor, b: Tensor): void {
  backend().tiled('add', a.data, a.size, b.data, b.size, a.data);
}

/**
 * The functional form: valueAndGrad(f)(...params) returns f's value and df/dparams, leaving the
 * params' own `.grad` untouched.
 */
export function valueAndGrad<P extends readonly Tensor[]>(f: (...params: P) => Tensor): (...params: P) => { value: Tensor; grads: Tensor[] } {
  return (...params) => {
    const saved = params.map((p) => ({ grad: p.grad, requiresGrad: p.requiresGrad }));
    for (const p of params) {
      p.grad = null;
      p.requiresGrad = true;
    }
    try {
      const value = f(...params);
      value.backward();
      const grads = params.map((p) => p.grad ?? zerosOf(p));
      return { value: value.detach(), grads };
    } finally {
      params.forEach((p, i) => {
        p.grad = saved[i].grad;
        p.requiresGrad = saved[i].requiresGrad;
      });
    }
  };
}

function zerosOf(t: Tensor): Tensor {
  return new Tensor(t.dtype === 'float32' ? new Float32Array(t.size) : new Float64Array(t.size), t.shape);
}
