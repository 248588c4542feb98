// The kernels' figures, in a process of their own so that no server, database or HTTP load shares its
// heap: bench/run.ts starts it with the server's node flags and prints what it prints.
// `kernel.js record-set <runs>` prints only the timing of the DNS target, as JSON (bench/dns.ts);
// `kernel.js scheduling` prints the scheduling figures (bench/scheduling.ts), `kernel.js cluster` the
// dry-run's (bench/cluster.ts).
import { kernelReport, recordSetTiming } from './dns';
import { clusterReport } from './cluster';
import { schedulingReport } from './scheduling';

const [mode, runs] = process.argv.slice(2);
if (mode === 'record-set') console.log(JSON.stringify(recordSetTiming(Number(runs ?? 30))));
else if (mode === 'cluster') console.log(clusterReport());
else console.log(mode === 'scheduling' ? schedulingReport() : kernelReport());
