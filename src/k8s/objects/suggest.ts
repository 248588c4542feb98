// "Unsupported value" messages as Kubernetes' field.NotSupported prints them, plus a "Did you mean …?"
// hint from the one suggestion function (src/util/suggest.ts).
import { didYouMean } from '../../util/suggest';

/** `Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP". Did you mean "TCP"?` */
export function notSupportedMessage(value: unknown, supported: readonly string[]): string {
  const list = [...supported]
    .sort()
    .map((s) => JSON.stringify(s))
    .join(', ');
  const hint = typeof value === 'string' ? didYouMean(value, supported) : undefined;
  return `Unsupported value: ${JSON.stringify(value)}: supported values: ${list}${hint ? `. Did you mean ${JSON.stringify(hint)}?` : ''}`;
}
