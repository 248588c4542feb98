// Rows as `kubectl get` prints them: a header row in capitals, each column as wide as its widest cell
// and three spaces apart, so the output reads as a table and `awk '{print $1}'` still works.

/** The lines of a table: the header first, then one line per row, columns aligned. */
export function columns(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header.map((h) => h.toUpperCase()), ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) =>
    widths
      .map((w, i) => (i === widths.length - 1 ? (r[i] ?? '') : (r[i] ?? '').padEnd(w + 3)))
      .join('')
      .trimEnd(),
  );
}
