// Omnigrok's teacher–student toy (Liu, Michaud & Tegmark 2023, Fig. 2; §1 of
// src/papers/omnigrok/README.md): a fixed random tanh MLP (the teacher, PyTorch's default init) labels
// Gaussian inputs; a student of the same shape learns it with MSE. "Accuracy" is the fraction
// of examples whose own MSE is below a threshold (1e-3 in the paper).
// The same task with activation "relu", bias false and teacherInit "gaussian" is the nonlinear
// teacher–student of Tikeng Notsawo, Dumas & Rabusseau 2025 (src/papers/tikeng/README.md §6; their notebook
// non_linear_teacher_student.ipynb): a dense bias-free 100 → 500 → 2 ReLU teacher with
// N(0, 1) hidden weights and an N(0, 1/h²) read-out, on x ~ N(0, I).
import { z } from 'zod';
import { foldIn, initialize, key, normal, type InitSpec } from '../random/index.js';
import type { Dataset, Examples } from './dataset.js';
import type { TaskDefinition } from './task.js';

const width = z.number().int().min(1);

export const teacherStudentTaskSchema = z
  .object({
    name: z.literal('teacher-student'),
    inputs: width.default(5).describe('input dimension (x ~ N(0, I))'),
    hidden: z.array(width).min(1).default([100, 100]).describe('hidden widths of the teacher; the student is the model config'),
    activation: z
      .enum(['tanh', 'relu'])
      .default('tanh')
      .describe("the teacher's nonlinearity after every layer but the last: tanh (Omnigrok) or relu (Tikeng et al. src/papers/tikeng/README.md §6)"),
    bias: z.boolean().default(true).describe('biases in the teacher (Omnigrok: true; Tikeng et al.: false)'),
    teacherInit: z
      .enum(['pytorchDefaultLinear', 'gaussian'])
      .default('pytorchDefaultLinear')
      .describe(
        "the teacher's weights: PyTorch's default Linear init (Omnigrok), or gaussian = hidden-layer weights N(0, 1) and the read-out N(0, 1/h²), h its fan-in (Tikeng et al.'s notebook; biases, if any, stay PyTorch's default)",
      ),
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

/** The weights' initializer of layer `l` (of `layers`) with this fan-in. */
function weightInit(task: TeacherStudentTask, l: number, layers: number, fanIn: number): InitSpec {
  if (task.teacherInit === 'pytorchDefaultLinear') return { name: 'pytorchDefaultLinear' };
  // Tikeng et al. redraw the teacher after PyTorch's init: unit-variance hidden weights, so the
  // pre-activations are O(√d), and a read-out of std 1/h that keeps the targets O(1).
  return { name: 'normal', std: l < layers - 1 ? 1 : 1 / fanIn };
}

/** The teacher, float64: PyTorch's default Linear init (U(±1/√fan_in) for weights and biases) or the gaussian one. */
function teacher(task: TeacherStudentTask): Layer[] {
  const widths = [task.inputs, ...task.hidden, task.outputs];
  const k = foldIn(key(task.dataSeed), 0);
  const layers = widths.length - 1;
  return widths.slice(1).map((fanOut, l) => {
    const fanIn = widths[l];
    const init = (i: number, shape: number[], spec: InitSpec) => initialize(foldIn(k, 2 * l + i), spec, { shape, dtype: 'float64', fanIn }) as Float64Array;
    const b = task.bias ? init(1, [fanOut], { name: 'pytorchDefaultLinear' }) : new Float64Array(fanOut);
    return { w: init(0, [fanIn, fanOut], weightInit(task, l, layers, fanIn)), b, fanIn, fanOut };
  });
}

const NONLINEARITY = { tanh: Math.tanh, relu: (v: number) => (v > 0 ? v : 0) } as const;

/** The activation after every layer but the last, as the papers' networks. */
function forward(layers: Layer[], x: Float64Array, count: number, activation: (v: number) => number): Float64Array {
  let h = x;
  layers.forEach(({ w, b, fanIn, fanOut }, l) => {
    const out = new Float64Array(count * fanOut);
    for (let n = 0; n < count; n++) {
      for (let j = 0; j < fanOut; j++) {
        let s = b[j];
        for (let i = 0; i < fanIn; i++) s += h[n * fanIn + i] * w[i * fanOut + j];
        out[n * fanOut + j] = l < layers.length - 1 ? activation(s) : s;
      }
    }
    h = out;
  });
  return h;
}

/** The teacher as a function of `count` row-major inputs. */
export function teacherFunction(task: TeacherStudentTask): (x: Float64Array, count: number) => Float64Array {
  const layers = teacher(task);
  return (x, count) => forward(layers, x, count, NONLINEARITY[task.activation]);
}

export function teacherStudentData(task: TeacherStudentTask): Dataset {
  const label = teacherFunction(task);
  const inputs = foldIn(key(task.dataSeed), 1);
  const split = (which: number, count: number): Examples => {
    const features = normal(foldIn(inputs, which), count * task.inputs, 'float64') as Float64Array;
    return { count, features, targets: label(features, count) };
  };
  return {
    train: split(0, task.trainSize),
    test: split(1, task.testSize),
    input: { kind: 'features', features: task.inputs },
    outputs: task.outputs,
    objective: { name: 'mse', accuracyThreshold: task.accuracyThreshold, zeroBaseline: true },
  };
}

export const teacherStudentTask = {
  schema: teacherStudentTaskSchema,
  experiment: 'supervised',
  data: (task) => teacherStudentData(task),
} satisfies TaskDefinition<typeof teacherStudentTaskSchema>;
