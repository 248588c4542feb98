// A Service's endpoints by the first label of their names, for the many endpoints of one input (a
// 10 000-endpoint Service's catalog is built on each request). The table is typed arrays of
// endpoint indexes, outside V8's heap: a Map of 10 000 labels was a twelfth of the record set's
// allocation, and all of it alive, for a scavenge to copy, until the record set returned.

/** Items (endpoints) by their `label`: each label's items in their order, and the labels in the order first met. */
export class LabelIndex<T extends { readonly label: string }> {
  /** How many distinct labels. */
  readonly size: number;
  /** By hash slot: the index + 1 of the first item with a label; 0 is an empty slot. */
  private readonly slots: Int32Array;
  /** By item: the index + 1 of the next item with its label, 0 after the last; null when every label is distinct. */
  private readonly next: Int32Array | null;

  constructor(private readonly items: readonly T[]) {
    let capacity = 16;
    while (capacity < items.length * 2) capacity *= 2;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    let next: Int32Array | null = null;
    // By hash slot: the index + 1 of the last item with that slot's label, once it has two.
    let last: Int32Array | null = null;
    let size = 0;
    for (let e = 0; e < items.length; e++) {
      const { label } = items[e];
      for (let i = hashLabel(label) & mask; ; i = (i + 1) & mask) {
        const head = slots[i];
        if (head === 0) {
          slots[i] = e + 1;
          size++;
          break;
        }
        if (items[head - 1].label === label) {
          next ??= new Int32Array(items.length);
          last ??= new Int32Array(capacity);
          next[(last[i] || head) - 1] = e + 1;
          last[i] = e + 1;
          break;
        }
      }
    }
    this.slots = slots;
    this.next = next;
    this.size = size;
  }

  /** The items with the label, in their order; empty when none has it. */
  get(label: string): T[] {
    const mask = this.slots.length - 1;
    for (let i = hashLabel(label) & mask; ; i = (i + 1) & mask) {
      const head = this.slots[i];
      if (head === 0) return [];
      if (this.items[head - 1].label === label) return this.group(head);
    }
  }

  /** Each label's items, the labels in the order their first item comes. */
  forEach(fn: (items: T[]) => void): void {
    const follows = new Uint8Array(this.items.length);
    if (this.next !== null) for (const n of this.next) if (n !== 0) follows[n - 1] = 1;
    for (let e = 0; e < this.items.length; e++) if (follows[e] === 0) fn(this.group(e + 1));
  }

  private group(head: number): T[] {
    const items = [this.items[head - 1]];
    if (this.next !== null)
      for (let n = this.next[head - 1]; n !== 0; n = this.next[n - 1]) items.push(this.items[n - 1]);
    return items;
  }
}

/** FNV-1a over the label's UTF-16 code units. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}
