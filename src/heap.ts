// How far V8 lets the JavaScript heap grow between full collections, set for the server's process
// before its modules load (src/server.ts imports this first). With node's heap limit here (4 GB)
// V8 lets the old generation grow to four times what survived the last full collection: under the
// mixed load, the garbage that requests in flight carry across their awaits is promoted out of the
// young generation and piled up to 300 MB of heap before it was collected (RSS a saw-tooth of
// 470–680 MB). Growing to twice what is live keeps RSS flat under load at the same throughput; a
// quarter was flatter still but cost a fifth of the mixed load's requests (docs/performance.md).
// V8 reads the flag at each full collection, so setting it now works where the flags that size the
// heap (--max-old-space-size, --max-semi-space-size) would need node's command line; it holds for
// the compute pool's worker threads too (src/capabilities/pool.ts).
import v8 from 'node:v8';

v8.setFlagsFromString('--heap-growing-percent=100');
