// Prints, as JSON, the timing of the record set the 20 ms target is about. bench/dns.ts runs it in a
// child process without the server's young-generation flag, to print the figure V8's defaults give.
import { recordSetTiming } from './dns';

console.log(JSON.stringify(recordSetTiming(Number(process.argv[2] ?? 30))));
