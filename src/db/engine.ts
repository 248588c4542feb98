// Loads Prisma's schema engine compiled to WebAssembly. The package's own entry imports a `.wasm`
// file as an ES module, which Node only does behind --experimental-wasm-modules; instantiating the
// module here works on any Node 20 and needs no native engine download, so migrations run offline.
import fs from 'node:fs';
import path from 'node:path';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

// @types/node does not declare the WebAssembly global; this is the one call made on it.
interface WasmGlobal {
  instantiate(bytes: Buffer, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmGlobal };

let ready: Promise<typeof bindings> | undefined;

// The engine's async runtime keeps a timer going (every few seconds) after its work is done, which
// kept `npm run migrate` and test runs alive for seconds. Its timers hold the process only while an
// engine is in use (see useEngine); the rest still fire, but let the process exit.
const timers = new Set<NodeJS.Timeout>();
let enginesInUse = 0;

/** The bindings as the module imports them, with its setTimeout tracked. */
function importsWithTrackedTimers(): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const name of Object.keys(imports).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
    const set = imports[name] as (fn: () => void, ms: number) => NodeJS.Timeout;
    imports[name] = (fn: () => void, ms: number) => {
      const timer = set(() => {
        timers.delete(timer);
        fn();
      }, ms);
      if (enginesInUse > 0) timers.add(timer);
      else timer.unref();
      return timer;
    };
  }
  return imports;
}

/** Runs `work` with an engine in use: the engine's timers keep the process alive until it ends. */
export async function useEngine<T>(work: () => Promise<T>): Promise<T> {
  enginesInUse++;
  try {
    return await work();
  } finally {
    if (--enginesInUse === 0) {
      for (const timer of timers) timer.unref();
      timers.clear();
    }
  }
}

/** The schema engine's JS bindings, with their WebAssembly instance loaded once per process. */
export function schemaEngineBindings(): Promise<typeof bindings> {
  ready ??= (async () => {
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bytes = fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': importsWithTrackedTimers() });
    (bindings as unknown as { __wbg_set_wasm(x: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bindings;
  })();
  return ready;
}
