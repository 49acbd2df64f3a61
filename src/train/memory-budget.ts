// A model too large for this machine is refused before its first array is allocated, naming the
// config field that made it so: otherwise the allocation fails deep inside the engine with a
// RangeError, or the machine starts to swap.
import { constants } from 'node:buffer';
import { totalmem } from 'node:os';
import type { RunConfig } from '../config/schema.js';
import { UsageError } from '../errors.js';

/** Parameters, their gradients and an optimizer's two moment buffers: the least a step keeps alive. */
const COPIES = 4;

const size = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (bytes >= 1000 && i < units.length - 1) {
    bytes /= 1000;
    i++;
  }
  return `${bytes.toPrecision(3)} ${units[i]}`;
}

/**
 * The model field that sizes `shape` (model.hidden for [128, 1e9], model.embedDim for an input
 * of two embedded operands): the largest integer field that divides one of its dimensions.
 */
function fieldOf(model: RunConfig['model'], shape: readonly number[]): string {
  let best = { field: 'model', value: 1 };
  for (const [key, value] of Object.entries(model)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (Number.isInteger(v) && v > best.value && shape.some((d) => d % v === 0)) best = { field: `model.${key}`, value: v };
    }
  }
  return best.field;
}

/**
 * Throws a UsageError when parameters of these shapes cannot fit: one array beyond what V8 can
 * allocate, or all of them (with gradients and optimizer state) beyond the machine's memory.
 */
export function checkParameterMemory(shapes: Readonly<Record<string, readonly number[]>>, config: RunConfig, limitBytes = totalmem()): void {
  const bytesPer = config.training.dtype === 'float64' ? 8 : 4;
  const entries = Object.entries(shapes);
  if (entries.length === 0) return;
  const [largest, shape] = entries.reduce((a, b) => (size(b[1]) > size(a[1]) ? b : a));
  const field = fieldOf(config.model, shape);
  const one = size(shape) * bytesPer;
  if (one > constants.MAX_LENGTH) {
    throw new UsageError(
      `${field}: parameter ${largest} [${shape.join(', ')}] needs ${formatBytes(one)}, more than one array can hold (${formatBytes(constants.MAX_LENGTH)})`,
    );
  }
  const total = entries.reduce((n, [, s]) => n + size(s), 0) * bytesPer * COPIES;
  if (total > limitBytes) {
    throw new UsageError(
      `${field}: the model needs at least ${formatBytes(total)} (parameters, gradients and optimizer state; ${largest} is [${shape.join(', ')}]), more than this machine's ${formatBytes(limitBytes)} of memory`,
    );
  }
}
