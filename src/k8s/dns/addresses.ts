// Tables keyed by IP address for the many addresses of one input (a 10 000-endpoint Service's record
// set dedups and indexes every endpoint address on each request). An IPv4 address is kept by its 32
// bits in typed arrays, which live outside V8's heap: a scavenge has nothing of them to copy, and no
// address text is hashed. Any other address is kept by its canonical text in a Map.
import { ipv4Bits, type ParsedIp } from '../objects';

/** A number kept per address: the slot of its value in a caller's array. */
export class AddressSlots {
  private bits: Int32Array;
  /** The slot + 1 of each entry; 0 marks an empty entry. */
  private slots: Int32Array;
  private used = 0;
  private others: Map<string, number> | undefined;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.bits = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  /** The slot kept for the address, or -1. */
  get(ip: ParsedIp): number {
    const b = ipv4Bits(ip);
    if (b === undefined) return this.others?.get(ip.text) ?? -1;
    const mask = this.bits.length - 1;
    for (let i = spread(b) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === 0) return -1;
      if (this.bits[i] === b) return slot - 1;
    }
  }

  /** Keeps `slot` for the address unless it has one already: returns that one, or -1 when `slot` was kept. */
  add(ip: ParsedIp, slot: number): number {
    const b = ipv4Bits(ip);
    if (b === undefined) {
      const others = (this.others ??= new Map<string, number>());
      const known = others.get(ip.text);
      if (known !== undefined) return known;
      others.set(ip.text, slot);
      return -1;
    }
    let mask = this.bits.length - 1;
    if ((this.used + 1) * 2 > this.bits.length) mask = this.grow();
    for (let i = spread(b) & mask; ; i = (i + 1) & mask) {
      const known = this.slots[i];
      if (known === 0) {
        this.bits[i] = b;
        this.slots[i] = slot + 1;
        this.used++;
        return -1;
      }
      if (this.bits[i] === b) return known - 1;
    }
  }

  private grow(): number {
    const { bits, slots } = this;
    this.bits = new Int32Array(bits.length * 2);
    this.slots = new Int32Array(bits.length * 2);
    const mask = this.bits.length - 1;
    for (let k = 0; k < bits.length; k++) {
      if (slots[k] === 0) continue;
      let i = spread(bits[k]) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.bits[i] = bits[k];
      this.slots[i] = slots[k];
    }
    return mask;
  }
}

/** Mixes an address's bits so that addresses differing only in their high octets do not collide. */
function spread(bits: number): number {
  const h = Math.imul(bits, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** A Map by address, iterated in insertion order. */
export class AddressMap<T> {
  private readonly slots: AddressSlots;
  private readonly values: T[] = [];

  constructor(expected: number) {
    this.slots = new AddressSlots(expected);
  }

  get size(): number {
    return this.values.length;
  }

  get(ip: ParsedIp): T | undefined {
    const slot = this.slots.get(ip);
    return slot === -1 ? undefined : this.values[slot];
  }

  set(ip: ParsedIp, value: T): void {
    const slot = this.slots.add(ip, this.values.length);
    if (slot === -1) this.values.push(value);
    else this.values[slot] = value;
  }

  forEach(fn: (value: T) => void): void {
    for (let i = 0; i < this.values.length; i++) fn(this.values[i]);
  }
}
