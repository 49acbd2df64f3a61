import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepMerge } from './merge.js';
import { DEFAULTS, presetFromDefaults } from './defaults.js';
import { applySet, resolveConfig } from './resolve.js';
import { validateConfig } from './validate.js';

describe('config resolution', () => {
  it('DEFAULTS is a valid config', () => {
    expect(validateConfig(DEFAULTS)).toEqual(DEFAULTS);
  });

  it('a preset is a diff of DEFAULTS, frozen once built', () => {
    const p = presetFromDefaults('modular addition mod 31', 'a test', { task: { p: 31 } });
    expect(p.config).toEqual({ ...DEFAULTS, task: { ...DEFAULTS.task, p: 31 } });
    expect(() => {
      (p.config.task as { p: number }).p = 5;
    }).toThrow(TypeError);
    expect(DEFAULTS.task).toMatchObject({ p: 97 });
  });

  it('merges objects, replaces arrays and registry entries whose name changes', () => {
    expect(deepMerge({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: 3 }, d: [9] })).toEqual({ a: { b: 1, c: 3 }, d: [9] });
    expect(deepMerge({ name: 'mlp', hidden: [4] }, { name: 'transformer', layers: 1 })).toEqual({ name: 'transformer', layers: 1 });
  });

  it('--set parses JSON values and falls back to strings', () => {
    expect(applySet({ t: { n: 1 } }, 't.n=5')).toEqual({ t: { n: 5 } });
    expect(applySet({}, 'a.b=[1,2]')).toEqual({ a: { b: [1, 2] } });
    expect(applySet({}, 'a=mul')).toEqual({ a: 'mul' });
    // a numeric segment patches one element of an array (a chain's transform); past the end it replaces
    const l1 = { name: 'addL1Subgradient', beta: 1e-5 };
    expect(applySet({ optimizer: { transforms: [l1, { name: 'sgd', lr: 0.1 }] } }, 'optimizer.transforms.1.lr=0.05')).toEqual({
      optimizer: { transforms: [l1, { name: 'sgd', lr: 0.05 }] },
    });
    expect(applySet({ d: [1] }, 'd.3=2')).toEqual({ d: { 3: 2 } });
    expect(() => applySet({}, 'novalue')).toThrow(/--set: expected key.path=value/);
  });

  const presets = {
    'mod97-mlp-adamw': presetFromDefaults('the defaults as a preset', 'a test', {}),
    p113: presetFromDefaults('modular addition mod 113', 'a test', { task: { p: 113 } }),
  };

  it('applies preset ← file ← --set ← --steps/--seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groklab-cfg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ task: { p: 23 } }));
    const { config, preset } = resolveConfig({
      preset: 'mod97-mlp-adamw',
      presets,
      configFile: file,
      sets: ['task.p=31', 'optimizer.weightDecay=0.5'],
      steps: 7,
      seed: 3,
    });
    expect(preset).toBe('mod97-mlp-adamw');
    expect(config.task).toMatchObject({ p: 31 });
    expect(config.training.steps).toBe(7);
    expect(config.training.seed).toBe(3);
    expect(config.optimizer).toMatchObject({ weightDecay: 0.5 });
  });

  it('bad input names the field and the allowed values', () => {
    expect(() => resolveConfig({ preset: 'nope', presets })).toThrow(/--preset: unknown preset "nope"; allowed: mod97-mlp-adamw, p113/);
    expect(() => resolveConfig({ preset: 'p113' })).toThrow(/--preset: unknown preset "p113"; allowed: $/);
    expect(() => resolveConfig({ sets: ['task.trainFraction=1.5'] })).toThrow(/config\.task\.trainFraction: /);
    expect(() => resolveConfig({ sets: ['task.operation=pow'] })).toThrow(/config\.task\.operation: .*"add"/);
    expect(() => resolveConfig({ sets: ['task.operation=div', 'task.p=96'] })).toThrow(/config\.task\.p: must be prime/);
    expect(() => resolveConfig({ sets: ['model.widht=3'] })).toThrow(/config\.model: .*widht/);
    expect(() => resolveConfig({ sets: ['training.steps="many"'] })).toThrow(/config\.training\.steps: /);
    expect(() => resolveConfig({ configFile: '/no/such/file.json' })).toThrow(/--config: cannot read/);
  });
});
