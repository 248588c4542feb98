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

// No allocation-site pretenuring. When a young collection falls in the middle of a search (or a
// start-up's run of them), nearly all of MiniSearch's per-query objects are alive at that moment,
// so V8 marks their allocation sites "tenure" and from then on allocates those objects straight in
// the old generation. They die with their request there, but each still points at the query's young
// objects, and a scavenge takes every old-to-young pointer as a root, dead holder or not: each
// scavenge of the search bench then copied and promoted 1.2–1.6 MB of garbage (0.5–0.9 MB without
// pretenuring), its pause grew with it, and the old generation grew by ~2 MB a scavenge until the
// next full collection. A scavenge between distinct searches now copies 0.5 MB and pauses about a
// millisecond (docs/performance.md, "Round 9"). V8 reads it at each scavenge, so setting it here
// works (measured: the same drop in what a scavenge copies as with the flag on node's command line).
v8.setFlagsFromString('--no-allocation-site-pretenuring');
