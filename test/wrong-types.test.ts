// A manifest field of the wrong type is one problem, FIELD_INVALID at its path (issue 10's review:
// `spec: 5` and `containers: "x"` also said `spec.containers: Required value`, FIELD_REQUIRED, as if
// the field were missing). The API server stops at such a value as well: its decoder refuses it
// ("json: cannot unmarshal number into Go struct field Pod.spec of type v1.PodSpec") before any
// validation asks for containers.
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());

const pod = (spec: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec });

const cases = [
  {
    name: 'a spec that is a number',
    spec: 5,
    problem: { path: 'objects[0].spec', message: 'must be an object', value: 5 },
    rejected: 'Pod "a" is invalid: spec: Invalid value: 5: must be an object',
  },
  {
    name: 'containers that are a string',
    spec: { containers: 'x' },
    problem: { path: 'objects[0].spec.containers', message: 'must be a list', value: 'x' },
    rejected: 'Pod "a" is invalid: spec.containers: Invalid value: "x": must be a list',
  },
];

for (const c of cases) {
  test(`${c.name} is FIELD_INVALID at its path, and nothing under it is "Required value"`, async () => {
    const res = await t.http.post('/v1/dns/records').send({ objects: [pod(c.spec)] });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([{ code: 'FIELD_INVALID', ...c.problem }]);
  });

  test(`${c.name} is refused by the dry-run apply with the one field error`, async () => {
    const res = await t.http.post('/v1/cluster/apply').send({ objects: [pod(c.spec)] });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([{ object: 'Pod/default/a', message: c.rejected }]);
  });
}

test('a missing spec still says its containers are required', async () => {
  const res = await t.http.post('/v1/dns/records').send({ objects: [pod(undefined)] });
  expect(res.body.problems).toEqual([
    { code: 'FIELD_REQUIRED', path: 'objects[0].spec.containers', message: 'Required value' },
  ]);
});
