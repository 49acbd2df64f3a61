// The ReLU teacher of Tikeng Notsawo et al. §4 (teacher-student with activation relu, bias
// false, teacherInit gaussian); the Omnigrok defaults are tested in teacher-student.test.ts.
import { describe, expect, it } from 'vitest';
import { teacherFunction, teacherStudentData, teacherStudentTaskSchema } from './teacher-student.js';

const RELU = {
  name: 'teacher-student',
  inputs: 100,
  hidden: [500],
  outputs: 2,
  trainSize: 100,
  testSize: 1000,
  activation: 'relu',
  bias: false,
  teacherInit: 'gaussian',
};
const task = (over: object = {}) => teacherStudentTaskSchema.parse({ ...RELU, ...over });

describe('teacher-student: the ReLU teacher of Tikeng et al.', () => {
  it('is bias-free and ReLU: positively homogeneous of degree 1, but not odd', () => {
    const f = teacherFunction(task());
    const x = teacherStudentData(task()).train.features!;
    const y = f(x, 100);
    const y2 = f(
      x.map((v) => 2 * v),
      100,
    );
    const yNeg = f(
      x.map((v) => -v),
      100,
    );
    y.forEach((v, i) => expect(y2[i]).toBeCloseTo(2 * v, 12));
    // a linear (or tanh-without-bias) teacher would give f(−x) = −f(x)
    const oddness = y.reduce((s, v, i) => s + Math.abs(v + yNeg[i]), 0) / y.length;
    expect(oddness).toBeGreaterThan(0.05);
    expect(teacherStudentData(task()).train.targets).toEqual(y);
  });

  it('gaussian init: targets of variance ≈ d/(2h) = 0.1 (N(0, 1) hidden weights, N(0, 1/h²) read-out)', () => {
    const y = Array.from(teacherStudentData(task()).test.targets!);
    const meanSquare = y.reduce((s, v) => s + v * v, 0) / y.length;
    // one teacher draw: E y² = 0.1 over teachers; this one gives 0.065
    expect(meanSquare).toBeGreaterThan(0.03);
    expect(meanSquare).toBeLessThan(0.2);
    // PyTorch's default init is another teacher of another scale (≈ 0.56× the mean square)
    const y0 = Array.from(teacherStudentData(task({ teacherInit: 'pytorchDefaultLinear' })).test.targets!);
    expect(y0.reduce((s, v) => s + v * v, 0) / y0.length).toBeLessThan(0.8 * meanSquare);
  });

  it('the same inputs as the tanh teacher of the same seed (only the labels change)', () => {
    const relu = teacherStudentData(task());
    const tanh = teacherStudentData(task({ activation: 'tanh' }));
    expect(relu.train.features).toEqual(tanh.train.features);
    expect(relu.train.targets).not.toEqual(tanh.train.targets);
  });

  it('rejects unknown activations and inits, naming the field and the allowed values', () => {
    expect(() => task({ activation: 'gelu' })).toThrow(/activation[\s\S]*tanh[\s\S]*relu/);
    expect(() => task({ teacherInit: 'normal' })).toThrow(/teacherInit[\s\S]*pytorchDefaultLinear[\s\S]*gaussian/);
    expect(() => task({ bias: 'no' })).toThrow(/bias/);
  });
});
