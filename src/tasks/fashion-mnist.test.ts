import { describe, expect, it } from 'vitest';
import { fashionMnistAvailable, fashionMnistData, fashionMnistTaskSchema } from './fashion-mnist.js';

const task = (over: object = {}) => fashionMnistTaskSchema.parse({ name: 'fashion-mnist', ...over });

describe('fashion-mnist task', () => {
  it('names the Debian package when the files are missing', () => {
    expect(() => fashionMnistData(task({ dir: '/nonexistent/fashion' }))).toThrow(/\/nonexistent\/fashion.*dataset-fashion-mnist/);
  });

  it.skipIf(!fashionMnistAvailable())('reads N training and M test images from the IDX files', () => {
    const data = fashionMnistData(task({ trainSize: 300, testSize: 200 }));
    expect(data.train.count).toBe(300);
    expect(data.test.count).toBe(200);
    expect(new Set(data.train.labels).size).toBe(10);
    const pixels = data.train.features!;
    expect(pixels.reduce((a, b) => Math.min(a, b))).toBe(0);
    expect(pixels.reduce((a, b) => Math.max(a, b))).toBe(1);
    expect(fashionMnistData(task({ trainSize: 300, testSize: 200 })).train.features).toEqual(pixels);
  });
});
