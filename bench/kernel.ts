// The kernels' figures, in a process of their own so that no server, database or HTTP load shares its
// heap: bench/run.ts starts it with the server's node flags and prints what it prints.
// `kernel.js record-set <runs>` prints only the timing of the DNS target, as JSON (bench/dns.ts);
// `kernel.js scheduling` prints the scheduling figures (bench/scheduling.ts), `kernel.js cluster` the
// dry-run's (bench/cluster.ts), `kernel.js search` search's own time per question and
// `kernel.js search-answers` its answers (bench/search.ts).
import { kernelReport, recordSetTiming } from './dns';
import { clusterReport } from './cluster';
import { schedulingReport } from './scheduling';
import { searchAnswers, searchReport } from './search';

const [mode, runs] = process.argv.slice(2);
if (mode === 'record-set') console.log(JSON.stringify(recordSetTiming(Number(runs ?? 30))));
else if (mode === 'cluster') console.log(clusterReport());
else if (mode === 'search') void searchReport().then((report) => console.log(report));
else if (mode === 'search-answers') console.log(searchAnswers());
else console.log(mode === 'scheduling' ? schedulingReport() : kernelReport());
