// The DNS kernel's figures, in a process of their own so that no server, database or HTTP load
// shares its heap: bench/run.ts starts it with the server's node flags and prints what it prints.
// `kernel.js record-set <runs>` prints only the timing of the target, as JSON (bench/dns.ts).
import { kernelReport, recordSetTiming } from './dns';

const [mode, runs] = process.argv.slice(2);
console.log(mode === 'record-set' ? JSON.stringify(recordSetTiming(Number(runs ?? 30))) : kernelReport());
