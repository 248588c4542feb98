// How far V8 lets the JavaScript heap grow between full collections, set for the server's process
// before its modules load (src/server.ts imports this first). On a machine with memory to spare V8
// lets the old generation grow up to four times what survived the last full collection: under the
// mixed load, the garbage that requests in flight carry across their awaits is promoted out of the
// young generation and piled up to 300 MB of heap before it was collected (RSS 530–660 MB, and
// climbing, in 60 s). Growing by a quarter collects it sooner and keeps RSS flat under load
// (docs/performance.md). The flag is read at each full collection, so setting it now works where
// the flags that size the heap (--max-old-space-size, --max-semi-space-size) would need node's
// command line; it holds for the compute pool's worker threads too (src/capabilities/pool.ts).
import v8 from 'node:v8';

v8.setFlagsFromString('--heap-growing-percent=25');
