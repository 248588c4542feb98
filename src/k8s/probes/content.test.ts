// The probe and Secret concepts' examples, computed by the facades: every Pod with probes gets a
// timeline, every Secret decodes (content/concepts/*.yaml, the same files the seed loads).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { parseManifests } from '../objects';
import { decodeSecret, secretGeneric } from '../secrets';
import { probeTimeline } from '.';

const dir = join(__dirname, '..', '..', '..', 'content', 'concepts');
const examples = readdirSync(dir).flatMap((f) => {
  const doc = load(readFileSync(join(dir, f), 'utf8')) as { examples?: { key: string; manifest: string }[] };
  return (doc.examples ?? []).map((e) => ({ name: `${f}#${e.key}`, manifest: e.manifest }));
});
const probed = examples.filter((e) => /Probe:/.test(e.manifest));
const secrets = examples.filter((e) => /kind: Secret/.test(e.manifest));

test('the probe and Secret concepts have examples to compute', () => {
  expect(probed.length).toBeGreaterThanOrEqual(3);
  expect(secrets.length).toBeGreaterThanOrEqual(3);
});

for (const e of probed) {
  test(`${e.name}: each probed Pod gets a timeline in which it becomes Ready`, () => {
    for (const pod of parseManifests(e.manifest).pods.filter((p) =>
      p.spec.containers.some((c) => c.livenessProbe || c.readinessProbe || c.startupProbe),
    )) {
      const got = probeTimeline({ pod: pod.raw, scenario: { durationSeconds: 600, startupSeconds: 20 } });
      expect(got.summary.firstReadyAt).not.toBeNull();
      expect(got.explanation.summary.ko).toContain('파드');
    }
  });
}

for (const e of secrets) {
  test(`${e.name}: each Secret decodes, and the answer says base64 is not encryption`, () => {
    for (const s of parseManifests(e.manifest).others.filter((o) => o.kind === 'Secret')) {
      const got = decodeSecret(s.raw);
      expect(got.explanation.steps[0].rule).toBe('base64-is-encoding');
    }
  });
}

test('the Opaque example is what its kubectl command makes (before the API server adds the type)', () => {
  const example = secrets.find((e) => e.name === 'secret-type-opaque.yaml#as-kubectl-prints-it')!;
  const stored = parseManifests(example.manifest).others[0].raw;
  const made = secretGeneric({
    name: 'db-credentials',
    namespace: 'my-namespace',
    fromLiteral: ['username=admin', 'password=t0p-Secret!'],
  });
  expect(made.secret.data).toEqual(stored.data);
  expect(made.secret.metadata).toEqual(stored.metadata);
});
