/** Every engine error names the op and the offending shapes or values. */
export class TensorError extends Error {
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = 'TensorError';
  }
}

/** Raised by ops that promise finite output when their result is NaN or infinite. */
export class NonFiniteError extends TensorError {
  constructor(op: string, detail: string) {
    super(op, `NaN result (${detail})`);
    this.name = 'NonFiniteError';
  }
}

export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
