// The typed-array tables the record set uses instead of Maps answer as the Maps they replace would:
// by address text (AddressMap, AddressSlots) and by label, groups in the order first met (LabelIndex).
import fc from 'fast-check';
import { parseIp, type ParsedIp } from '../objects';
import { AddressMap, AddressSlots } from './addresses';
import { LabelIndex } from './labels';

// Few distinct values, so that addresses and labels repeat; IPv4, IPv6 and IPv4-mapped IPv6 spellings.
const addressArb: fc.Arbitrary<ParsedIp> = fc
  .oneof(
    fc.tuple(fc.constantFrom(10, 192, 255, 0), fc.nat(3), fc.nat(3), fc.nat(40)).map((o) => o.join('.')),
    fc.tuple(fc.nat(3), fc.nat(40)).map(([a, b]) => `::ffff:10.${a}.0.${b}`),
    fc.tuple(fc.nat(3), fc.nat(40)).map(([a, b]) => `fd00::${a.toString(16)}:${b.toString(16)}`),
  )
  .map((text) => parseIp(text)!);

describe('AddressMap and AddressSlots', () => {
  test('keep what a Map by canonical text keeps, in insertion order, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(addressArb, fc.nat(1000)), { maxLength: 300 }), fc.nat(40), (pairs, expected) => {
        const table = new AddressMap<number>(expected);
        const slots = new AddressSlots(expected);
        const map = new Map<string, number>();
        const first = new Map<string, number>();
        pairs.forEach(([ip, value], i) => {
          expect(table.get(ip)).toBe(map.get(ip.text));
          table.set(ip, value);
          map.set(ip.text, value);
          expect(slots.add(ip, i)).toBe(first.get(ip.text) ?? -1);
          if (!first.has(ip.text)) first.set(ip.text, i);
        });
        const values: number[] = [];
        table.forEach((v) => values.push(v));
        expect(values).toEqual([...map.values()]);
        expect(table.size).toBe(map.size);
        for (const [ip] of pairs) expect(slots.get(ip)).toBe(first.get(ip.text));
        expect(slots.get(parseIp('203.0.113.9')!)).toBe(-1);
        expect(table.get(parseIp('2001:db8::9')!)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe('LabelIndex', () => {
  test('groups items by label as a Map of arrays does, labels in the order first met', () => {
    const labelArb = fc.oneof(fc.constantFrom('a', 'b', 'web-0', '10-0-0-1', ''), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(labelArb, { maxLength: 200 }), fc.array(labelArb, { maxLength: 5 }), (labels, asked) => {
        const items = labels.map((label, i) => ({ label, i }));
        const index = new LabelIndex(items);
        const map = new Map<string, { label: string; i: number }[]>();
        for (const item of items) map.set(item.label, [...(map.get(item.label) ?? []), item]);
        const groups: { label: string; i: number }[][] = [];
        index.forEach((group) => groups.push(group));
        expect(groups).toEqual([...map.values()]);
        expect(index.size).toBe(map.size);
        for (const label of [...labels, ...asked]) expect(index.get(label)).toEqual(map.get(label) ?? []);
      }),
      { numRuns: 300 },
    );
  });
});
