// The limits' variables, attacked at random: any subset set, each to a good number, a hostile text
// or a hostile size. Every variable left out or empty keeps its default; a whole number within its
// range is taken as it is; anything else is refused with an error naming the variable and the value.
import fc from 'fast-check';
import { DEFAULT_LIMITS, type Limits } from '../src/capabilities/budget';
import { LIMIT_VARIABLES, limitsFromEnv, MAY_BE_ZERO } from '../src/config';

const value = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
  fc.integer({ min: -1000, max: -1 }).map(String),
  fc.constantFrom('', ' ', '1.5', '1e3', '0x10', 'NaN', 'Infinity', '9'.repeat(400), 'ten', '５'),
  fc.string({ maxLength: 12 }),
);

test('each variable is its default, the whole number given, or a refusal that names it', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...Object.values(LIMIT_VARIABLES)), value, { maxKeys: 8 }), (env) => {
      const bad = Object.entries(LIMIT_VARIABLES).filter(([key, name]) => {
        const text = env[name];
        if (text === undefined || text === '') return false;
        const least = MAY_BE_ZERO.has(key as keyof Limits) ? 0 : 1;
        return !/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < least;
      });
      if (bad.length) {
        expect(() => limitsFromEnv(env)).toThrow(new RegExp(`^${bad[0][1]} must be a whole number`));
        return;
      }
      const limits = limitsFromEnv(env);
      for (const [key, name] of Object.entries(LIMIT_VARIABLES) as [keyof Limits, string][])
        expect(limits[key]).toBe(env[name] ? Number(env[name]) : DEFAULT_LIMITS[key]);
    }),
    { numRuns: 500 },
  );
});
