// Plain text set into Markdown: the content writes name patterns with placeholders in angle brackets
// (`<hostname>.<service>.<ns>.svc.<zone>`), which a Markdown renderer takes for HTML tags and drops.
// Set in code spans they show as written, and read as names to a person and to a model alike.

// A run of name characters with at least one <placeholder> in it: no bracket, backtick or line break
// inside, no space at either end (Korean ones hold spaces: <파드 이름>; `1 < 2 and 3 > 2` is none).
const PATTERN = /[\w.-]*(?:<[^\s<>`](?:[^<>`\n]*[^\s<>`])?>[\w.-]*)+/g;

/** The text with every name pattern that holds a <placeholder> in a code span; code spans already there are kept. */
export function codePlaceholders(text: string): string {
  if (!text.includes('<')) return text;
  // Odd parts are inside code spans already.
  return text
    .split('`')
    .map((part, i) =>
      i % 2
        ? part
        : part.replace(PATTERN, (run) => {
            // A sentence's full stop (or a dash) after the name is not part of it.
            const name = run.replace(/[.-]+$/, '');
            return `\`${name}\`${run.slice(name.length)}`;
          }),
    )
    .join('`');
}
