import fc from 'fast-check';
import { inTurn, ownTurn } from './turns';

// Work that holds the event loop, as a search does.
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('turns on the event loop', () => {
  test('other callbacks run between two calls, which keep their order', async () => {
    const seen: string[] = [];
    const calls = [1, 2, 3, 4].map((i) =>
      inTurn(() => {
        busy(5);
        seen.push(`call ${i}`);
      }),
    );
    // What a socket read would be: a callback of the loop, queued after the calls were.
    setImmediate(() => seen.push('other'));
    await Promise.all(calls);
    expect(seen.filter((s) => s.startsWith('call'))).toEqual(['call 1', 'call 2', 'call 3', 'call 4']);
    // Without turns all four ran before it; now it runs after the first.
    expect(seen.indexOf('other')).toBeLessThan(seen.indexOf('call 4'));
  });

  test('a call that throws hands its turn on, and its error reaches its caller', async () => {
    const failed = inTurn(() => {
      throw new Error('no');
    });
    const next = inTurn(() => 'ran');
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe('ran');
  });

  test('property: any mix of calls, synchronous or not, failing or not, all finish, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ wait: fc.boolean(), fail: fc.boolean() }), { maxLength: 20 }),
        async (mix) => {
          const order: number[] = [];
          const results = await Promise.allSettled(
            mix.map(({ wait, fail }, i) =>
              inTurn(async () => {
                order.push(i);
                if (wait) await new Promise((r) => setTimeout(r, 1));
                if (fail) throw new Error(String(i));
                return i;
              }),
            ),
          );
          expect(order).toEqual(mix.map((_, i) => i));
          results.forEach((r, i) => expect(r.status).toBe(mix[i].fail ? 'rejected' : 'fulfilled'));
        },
      ),
      { numRuns: 50 },
    );
  });

  test('ownTurn: what each caller does after it runs in a turn of its own, with other callbacks between', async () => {
    const seen: string[] = [];
    const callers = [1, 2, 3].map(async (i) => {
      await ownTurn();
      busy(3);
      seen.push(`caller ${i}`);
    });
    setImmediate(() => seen.push('other'));
    await Promise.all(callers);
    expect(seen.filter((s) => s.startsWith('caller'))).toEqual(['caller 1', 'caller 2', 'caller 3']);
    expect(seen.indexOf('other')).toBeLessThan(seen.indexOf('caller 3'));
  });

  test('a line of waiting MCP messages does not hold up a search: each line moves one call a turn', async () => {
    let passed = 0;
    const messages = Array.from({ length: 100 }, async () => {
      await ownTurn();
      passed++;
    });
    // With one line for both, the search ran after all hundred messages.
    const atSearch = await inTurn(() => passed);
    expect(atSearch).toBeLessThan(5);
    await Promise.all(messages);
    expect(passed).toBe(100);
  });
});
