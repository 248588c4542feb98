// Markdown bodies as plain-text passages: what gets indexed and what a snippet quotes. Markup
// (#, *, `, link targets, table rules) would only put noise into snippets and offsets.

const FENCE = /^\s*(```|~~~)/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;
const BLOCK_MARK = /^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/;

/** The passages of a markdown text: paragraphs, list items, headings, table rows, code blocks. */
export function passages(markdown: string): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  let code: string[] | null = null;
  const flush = () => {
    const text = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    paragraph = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line)) {
      if (code) {
        const text = code.join(' ').replace(/\s+/g, ' ').trim();
        if (text) out.push(text);
        code = null;
      } else {
        flush();
        code = [];
      }
      continue;
    }
    if (code) {
      code.push(line);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (TABLE_RULE.test(line)) continue;
    const block = BLOCK_MARK.exec(line) ?? /^\s*\|/.exec(line);
    if (block) {
      // Headings, list items and table rows stand alone, so a snippet does not run across them.
      flush();
      paragraph.push(inline(line.slice(block[0].length)));
      flush();
    } else paragraph.push(inline(line));
  }
  if (code) paragraph.push(...code);
  flush();
  return out;
}

function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*]*?\S)\1/g, '$2')
    .replace(/(^|[\s(])\*(?=\S)([^*\n]*?\S)\*(?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/\s*\|\s*/g, ' · ')
    .replace(/^ · | · $/g, '');
}
