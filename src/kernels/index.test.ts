import { describe, expect, it } from 'vitest';
import { backend, chooseBackend } from './index.js';

describe('backend selection', () => {
  it('honours GROKLAB_BACKEND and defaults to wasm', () => {
    expect(chooseBackend('js').backend.name).toBe('js');
    expect(chooseBackend('wasm').backend.name).toBe('wasm');
    expect(chooseBackend(undefined)).toMatchObject({ reason: 'default' });
    expect(chooseBackend(undefined).backend.name).toBe('wasm');
  });

  it('rejects an unknown backend, naming the allowed ones', () => {
    expect(() => chooseBackend('cuda')).toThrow('GROKLAB_BACKEND="cuda" is not a backend; allowed: js, wasm');
  });

  it('runs this suite on the backend its project asked for', () => {
    expect(backend().name).toBe(process.env.GROKLAB_BACKEND);
  });
});
