import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve.js';
import { MODEL_NAMES, buildModel, modelConfigSchema, modelRegistry } from './registry.js';

describe('the model registry', () => {
  it('keys every model by the name its schema accepts, and the config union holds exactly them', () => {
    for (const [name, model] of Object.entries(modelRegistry)) expect(model.schema.shape.name.value).toBe(name);
    expect(modelConfigSchema.options.map((o) => o.shape.name.value).sort()).toEqual([...MODEL_NAMES].sort());
  });

  it('rejects an unknown model naming the field and every registered model', () => {
    const result = modelConfigSchema.safeParse({ name: 'resnet' });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(issue.path).toEqual(['name']);
    for (const name of MODEL_NAMES) expect(issue.message).toContain(JSON.stringify(name));
  });

  it('builds a network by name and says what trains a model that is not one', () => {
    // the default run's model: an MLP on token pairs
    const { model } = resolveConfig({}).config;
    const ctx = { input: { kind: 'tokens' as const, vocab: 97, sequenceLength: 2 }, outputs: 97 };
    const net = buildModel(model, ctx);
    expect(Object.keys(net.shapes).length).toBeGreaterThan(0);
    expect(() => buildModel(modelConfigSchema.parse({ name: 'linear', init: [1], noiseVariance: 1, priorVariance: 1, complexity: true }), ctx)).toThrow(
      /model\.name: "linear" is not a network; it trains on task linear-regression/,
    );
  });
});
