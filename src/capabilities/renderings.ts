// Renderings several capabilities share: JSON as it is, and lists as text or markdown lines.
import type { Rendering, RestView } from './capability';
import { listText, type Format } from './lines';

export const TEXT = 'text/plain; charset=utf-8';
export const MARKDOWN = 'text/markdown; charset=utf-8';

/** The output itself, as JSON. */
export const asJson = <In, Out>(describe: string): Rendering<In, Out> => ({
  type: 'application/json',
  describe,
  render: (v) => v.output,
});

type List<Item> = { items: Item[]; nextCursor?: string | null };

/** JSON, text (aligned columns for a terminal) and markdown (bullets) of a list, each a line per item. */
export function listRenderings<In, Item, Out extends List<Item>>(
  describe: string,
  line: (item: Item, format: Format, n: number) => string,
  path: (input: In) => string,
): Record<'json' | 'text' | 'md', Rendering<In, Out>> {
  const lines = (format: Format) => (v: RestView<In, Out>) =>
    listText(
      v.output.items.map((item, n) => line(item, format, n)),
      v.output.nextCursor ?? null,
      path(v.input),
      v.query,
    );
  return {
    json: asJson(describe),
    text: { type: TEXT, describe: 'For a terminal: one item a line.', render: lines('text') },
    md: { type: MARKDOWN, describe: 'For chat and portals: a markdown list.', render: lines('md') },
  };
}
