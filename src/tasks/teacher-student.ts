// Omnigrok's teacher–student toy (Liu, Michaud & Tegmark 2023, Fig. 2; §B1 of
// shared/papers.md): a fixed random tanh MLP (the teacher, PyTorch's default init) labels
// Gaussian inputs; a student of the same shape learns it with MSE. "Accuracy" is the fraction
// of examples whose own MSE is below a threshold (1e-3 in the paper).
import { z } from 'zod';
import { foldIn, initialize, key, normal } from '../random/index.js';
import type { Dataset, Examples } from './dataset.js';

const width = z.number().int().min(1);

export const teacherStudentTaskSchema = z
  .object({
    name: z.literal('teacher-student'),
    inputs: width.default(5).describe('input dimension (x ~ N(0, I))'),
    hidden: z.array(width).min(1).default([100, 100]).describe('hidden widths of the teacher (tanh); the student is the model config'),
    outputs: width.default(5).describe('output dimension'),
    trainSize: width.default(100).describe('training examples'),
    testSize: width.default(100).describe('held-out examples'),
    dataSeed: z.number().int().min(0).default(0).describe('seed of the teacher weights and the inputs (independent of the student seed)'),
    accuracyThreshold: z.number().positive().default(1e-3).describe('an example counts as correct when its own MSE is below this'),
  })
  .strict();

export type TeacherStudentTask = z.infer<typeof teacherStudentTaskSchema>;

interface Layer {
  w: Float64Array; // [in, out] row-major
  b: Float64Array;
  fanIn: number;
  fanOut: number;
}

/** The teacher: PyTorch's default Linear init (U(±1/√fan_in) for weights and biases), float64. */
function teacher(task: TeacherStudentTask): Layer[] {
  const widths = [task.inputs, ...task.hidden, task.outputs];
  const k = foldIn(key(task.dataSeed), 0);
  return widths.slice(1).map((fanOut, l) => {
    const fanIn = widths[l];
    const init = (i: number, shape: number[]) =>
      initialize(foldIn(k, 2 * l + i), { name: 'pytorchDefaultLinear' }, { shape, dtype: 'float64', fanIn }) as Float64Array;
    return { w: init(0, [fanIn, fanOut]), b: init(1, [fanOut]), fanIn, fanOut };
  });
}

/** tanh after every layer but the last, as the paper's Net. */
function forward(layers: Layer[], x: Float64Array, count: number): Float64Array {
  let h = x;
  layers.forEach(({ w, b, fanIn, fanOut }, l) => {
    const out = new Float64Array(count * fanOut);
    for (let n = 0; n < count; n++) {
      for (let j = 0; j < fanOut; j++) {
        let s = b[j];
        for (let i = 0; i < fanIn; i++) s += h[n * fanIn + i] * w[i * fanOut + j];
        out[n * fanOut + j] = l < layers.length - 1 ? Math.tanh(s) : s;
      }
    }
    h = out;
  });
  return h;
}

export function teacherStudentData(task: TeacherStudentTask): Dataset {
  const layers = teacher(task);
  const inputs = foldIn(key(task.dataSeed), 1);
  const split = (which: number, count: number): Examples => {
    const features = normal(foldIn(inputs, which), count * task.inputs, 'float64') as Float64Array;
    return { count, features, targets: forward(layers, features, count) };
  };
  return {
    train: split(0, task.trainSize),
    test: split(1, task.testSize),
    input: { kind: 'features', features: task.inputs },
    outputs: task.outputs,
    objective: { name: 'mse', accuracyThreshold: task.accuracyThreshold },
  };
}
