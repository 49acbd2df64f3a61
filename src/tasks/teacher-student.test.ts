import { describe, expect, it } from 'vitest';
import { teacherStudentData, teacherStudentTaskSchema } from './teacher-student.js';

const task = (over: object = {}) => teacherStudentTaskSchema.parse({ name: 'teacher-student', ...over });

describe('teacher-student task', () => {
  it('defaults to the paper: 5 → 100 → 100 → 5, 100 + 100 examples, threshold 1e-3', () => {
    const data = teacherStudentData(task());
    expect(data.train.count).toBe(100);
    expect(data.test.count).toBe(100);
    expect(data.train.features).toHaveLength(500);
    expect(data.train.targets).toHaveLength(500);
    expect(data.input).toEqual({ kind: 'features', features: 5 });
    expect(data.objective).toEqual({ name: 'mse', accuracyThreshold: 1e-3, zeroBaseline: true });
  });

  it('is deterministic in dataSeed, and train and test are different draws of the same teacher', () => {
    const a = teacherStudentData(task());
    const b = teacherStudentData(task());
    const c = teacherStudentData(task({ dataSeed: 1 }));
    expect(a.train.targets).toEqual(b.train.targets);
    expect(a.train.targets).not.toEqual(c.train.targets);
    expect(a.train.features).not.toEqual(a.test.features);
    // x ~ N(0, I): sample mean ≈ 0 and variance ≈ 1 over 500 draws
    const x = Array.from(a.train.features!);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(Math.abs(variance - 1)).toBeLessThan(0.2);
  });

  it('labels with the teacher: a tanh network of PyTorch default init gives outputs of order 0.1', () => {
    const y = Array.from(teacherStudentData(task()).train.targets!);
    const rms = Math.sqrt(y.reduce((s, v) => s + v * v, 0) / y.length);
    // The paper's notebook starts from MSE ≈ 0.019 for a student near 0 (α = 0.1): targets of RMS ≈ 0.14.
    expect(rms).toBeGreaterThan(0.05);
    expect(rms).toBeLessThan(0.5);
  });

  it('rejects unknown fields and bad sizes, naming them', () => {
    expect(() => task({ hidden: [] })).toThrow(/hidden/);
    expect(() => task({ width: 3 })).toThrow(/width/);
    expect(() => task({ trainSize: 0 })).toThrow(/trainSize/);
  });
});
