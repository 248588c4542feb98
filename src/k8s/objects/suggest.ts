// "Unsupported value" messages as Kubernetes' field.NotSupported prints them, plus a "Did you mean …?"
// hint chosen the way graphql-js's suggestionList does (edit distance within 40% of the input).
import { editDistance } from '../../util/distance';

/** The closest supported value to `input`, if one is close enough to be a likely typo. */
export function didYouMean(input: string, supported: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const threshold = Math.floor(input.length * 0.4) + 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of supported) {
    // A difference of case alone is the likeliest typo ("tcp", "Nodeport"), so it always wins.
    const d = option.toLowerCase() === lower ? 0 : editDistance(lower, option.toLowerCase());
    if (d <= threshold && d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

/** `Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP". Did you mean "TCP"?` */
export function notSupportedMessage(value: unknown, supported: readonly string[]): string {
  const list = [...supported]
    .sort()
    .map((s) => JSON.stringify(s))
    .join(', ');
  const hint = typeof value === 'string' ? didYouMean(value, supported) : undefined;
  return `Unsupported value: ${JSON.stringify(value)}: supported values: ${list}${hint ? `. Did you mean ${JSON.stringify(hint)}?` : ''}`;
}
