import { describe, expect, it } from 'vitest';
import { backend, chooseBackend, type BackendLoaders } from './index.js';
import { jsBackend } from './js/index.js';
import { NativeAddonMissing, type NativeBackend } from './native/index.js';
import { loadWasmBackend } from './wasm/index.js';

// Stand-ins for the compiled backends, so the fallbacks run whatever this machine has built.
const fakeNative: NativeBackend = {
  ...jsBackend,
  name: 'native',
  isa: () => 'avx2',
  supportedIsas: () => ['avx2', 'generic'],
  useIsa: () => {},
  useThreads: () => 1,
};
const missing = (): never => {
  throw new NativeAddonMissing('native addon missing (simulated)');
};
const broken = (): never => {
  throw new Error('native addon failed to load (simulated)');
};

function withStderr<T>(fn: () => T): { result: T; stderr: string } {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { result: fn(), stderr };
  } finally {
    process.stderr.write = write;
  }
}

describe('backend selection', () => {
  const loaders: BackendLoaders = { native: () => fakeNative, wasm: loadWasmBackend };

  it('honours GROKLAB_BACKEND', () => {
    expect(chooseBackend('js', loaders)).toMatchObject({ backend: { name: 'js' }, reason: 'GROKLAB_BACKEND=js' });
    expect(chooseBackend('wasm', loaders)).toMatchObject({ backend: { name: 'wasm' }, reason: 'GROKLAB_BACKEND=wasm' });
    expect(chooseBackend('native', loaders)).toMatchObject({ backend: { name: 'native' }, reason: 'GROKLAB_BACKEND=native (AVX2+FMA kernels)' });
  });

  it('defaults to native when the addon loads, saying which kernels', () => {
    expect(chooseBackend(undefined, loaders)).toMatchObject({ backend: { name: 'native' }, reason: 'default: native addon loaded (AVX2+FMA kernels)' });
    expect(chooseBackend('', loaders).backend.name).toBe('native');
  });

  it('falls back to wasm quietly when the addon was never built', () => {
    const { result, stderr } = withStderr(() => chooseBackend(undefined, { ...loaders, native: missing }));
    expect(result).toMatchObject({ backend: { name: 'wasm' }, reason: 'native addon missing (simulated); using wasm' });
    expect(stderr).toBe('');
  });

  it('falls back to wasm with a one-line notice when the addon fails to load', () => {
    const { result, stderr } = withStderr(() => chooseBackend(undefined, { ...loaders, native: broken }));
    expect(result).toMatchObject({ backend: { name: 'wasm' }, reason: 'native addon failed to load (simulated); using wasm' });
    expect(stderr).toBe('groklab: native addon failed to load (simulated); using wasm\n');
  });

  it('falls back to js when neither compiled backend loads', () => {
    const wasm = (): never => {
      throw new Error('kernels.wasm missing (simulated)');
    };
    const { result, stderr } = withStderr(() => chooseBackend(undefined, { native: missing, wasm }));
    expect(result.backend.name).toBe('js');
    expect(result.reason).toBe('native addon missing (simulated); wasm unavailable: kernels.wasm missing (simulated); using js');
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('fails an explicit request it cannot meet', () => {
    expect(() => chooseBackend('native', { ...loaders, native: missing })).toThrow('native addon missing (simulated)');
  });

  it('rejects an unknown backend, naming the allowed ones', () => {
    expect(() => chooseBackend('cuda')).toThrow('GROKLAB_BACKEND="cuda" is not a backend; allowed: js, wasm, native');
  });

  it('runs this suite on the backend its project asked for', () => {
    expect(backend().name).toBe(process.env.GROKLAB_BACKEND);
  });
});
