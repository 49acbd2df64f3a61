import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config/defaults.js';
import { validateConfig } from '../config/validate.js';
import { DEFAULT_PRESET, PAPERS, PRESETS, REPRODUCTIONS } from './index.js';

describe('the papers registry', () => {
  it('every preset is a valid config, documented and sourced', () => {
    for (const [name, p] of Object.entries(PRESETS)) {
      expect(() => validateConfig(p.config), name).not.toThrow();
      expect(p.description.length).toBeGreaterThan(20);
      expect(p.source.length).toBeGreaterThan(10);
    }
  });

  it('no two papers name a preset or a reproduction alike', () => {
    expect(Object.keys(PRESETS).length).toBe(PAPERS.reduce((n, p) => n + Object.keys(p.presets).length, 0));
    expect(new Set(REPRODUCTIONS.map((r) => r.name)).size).toBe(REPRODUCTIONS.length);
  });

  it('the default preset is DEFAULTS itself', () => {
    expect(PRESETS[DEFAULT_PRESET].config).toEqual(DEFAULTS);
  });
});
