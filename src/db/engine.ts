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

/** The schema engine's JS bindings, with their WebAssembly instance loaded once per process. */
export function schemaEngineBindings(): Promise<typeof bindings> {
  ready ??= (async () => {
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bytes = fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings as never });
    (bindings as unknown as { __wbg_set_wasm(x: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bindings;
  })();
  return ready;
}
