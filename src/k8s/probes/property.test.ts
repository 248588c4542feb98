// Random probe settings and scenarios: a timeline whose events are in time order and whose summary
// adds up, or field problems; the work stays bounded by the scenario's duration.
import fc from 'fast-check';
import { KubeknowError } from '../../errors';
import { MAX_EVENTS, probeTimeline } from '.';

const probe = fc.record(
  {
    tcpSocket: fc.constant({ port: 80 }),
    initialDelaySeconds: fc.integer({ min: -1, max: 60 }),
    periodSeconds: fc.integer({ min: 0, max: 30 }),
    timeoutSeconds: fc.integer({ min: 1, max: 30 }),
    failureThreshold: fc.integer({ min: 1, max: 5 }),
    successThreshold: fc.constant(1),
  },
  { requiredKeys: ['tcpSocket'] },
);
const request = fc.record(
  {
    container: fc.record(
      {
        name: fc.constant('app'),
        image: fc.constant('nginx'),
        livenessProbe: probe,
        readinessProbe: probe,
        startupProbe: probe,
      },
      { requiredKeys: ['name', 'image'] },
    ),
    restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never', 'Sometimes'),
    scenario: fc.record(
      {
        durationSeconds: fc.integer({ min: 0, max: 2000 }),
        startupSeconds: fc.integer({ min: 0, max: 120 }),
        shutdownSeconds: fc.integer({ min: 0, max: 60 }),
        failures: fc.array(
          fc.record(
            {
              from: fc.integer({ min: 0, max: 600 }),
              forSeconds: fc.integer({ min: 1, max: 300 }),
              probes: fc.constantFrom('liveness', 'readiness', 'startup'),
              result: fc.constantFrom('failure', 'timeout'),
            },
            { requiredKeys: ['from'] },
          ),
          { maxLength: 4 },
        ),
        crash: fc.record({ afterSeconds: fc.integer({ min: 1, max: 300 }) }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['container'] },
);

test('random requests: ordered events and a consistent summary, or field problems', () => {
  fc.assert(
    fc.property(request, (r) => {
      try {
        const got = probeTimeline(r);
        for (let i = 1; i < got.events.length; i++) expect(got.events[i].t).toBeGreaterThanOrEqual(got.events[i - 1].t);
        expect(got.events.length).toBeLessThanOrEqual(MAX_EVENTS);
        expect(got.summary.readySeconds).toBeLessThanOrEqual(got.summary.durationSeconds);
        expect(got.summary.restarts).toBe(got.events.filter((e) => e.effect === 'containerStarted').length - 1);
      } catch (e) {
        if (!(e instanceof KubeknowError)) throw e;
        for (const p of e.problems) expect(typeof p.path).toBe('string');
      }
    }),
    { numRuns: 200 },
  );
});

test('a day at one-second periods is bounded and says it was cut', () => {
  const fast = { tcpSocket: { port: 80 }, periodSeconds: 1 };
  const got = probeTimeline({
    container: { name: 'a', image: 'b', livenessProbe: fast, readinessProbe: fast },
    scenario: { durationSeconds: 86400 },
  });
  expect(got.truncated).toBe(true);
  expect(got.events).toHaveLength(MAX_EVENTS);
  expect(() => probeTimeline({ container: { name: 'a', image: 'b' }, scenario: { durationSeconds: 86401 } })).toThrow(
    'from 1 to 86400',
  );
});

test('any number in a probe’s int32 fields: a timeline only for whole numbers in range, else a problem at that field', () => {
  const fields = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const;
  const anyNumber = fc.oneof(
    fc.integer({ min: -5, max: 60 }),
    fc.double({ noNaN: true }),
    fc.constantFrom(1e308, -1e308, 2 ** 31 - 1, 2 ** 31, Number.MAX_SAFE_INTEGER, 0.5),
  );
  fc.assert(
    fc.property(fc.constantFrom(...fields), anyNumber, (field, value) => {
      const probe = { tcpSocket: { port: 80 }, [field]: value };
      const min = field === 'initialDelaySeconds' ? 0 : 1;
      const valid = Number.isInteger(value) && value >= min && value <= 2 ** 31 - 1;
      try {
        probeTimeline({
          container: { name: 'app', image: 'i', livenessProbe: probe },
          scenario: { durationSeconds: 60 },
        });
        expect(valid).toBe(true);
      } catch (e) {
        if (!(e instanceof KubeknowError)) throw e;
        expect(valid).toBe(false);
        expect(e.problems.map((p) => p.path)).toEqual([`container.livenessProbe.${field}`]);
      }
    }),
    { numRuns: 200 },
  );
});
