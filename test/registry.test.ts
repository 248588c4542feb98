// The capability registry and what points at it: the computations content sends readers to
// (src/knowledge/computations.ts, the `diagnosedBy` field) are capabilities of the same name (in
// kebab-case), served at the routes they name.
import { CAPABILITIES } from '../src/capabilities';
import { computation, COMPUTATIONS } from '../src/knowledge/computations';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

test('every computation content names is the capability of the same name, served at its route', () => {
  const served = new Map(
    CAPABILITIES.filter((c) => c.rest).map((c) => [kebab(c.name), `${c.rest!.method} ${c.rest!.path}`]),
  );
  for (const c of COMPUTATIONS)
    expect({ name: c.name, route: c.route }).toEqual({ name: c.name, route: served.get(c.name) });
});

test('a concept stored with a computation’s former name still finds it', () => {
  expect(computation('admission-pod')?.name).toBe('pod-admission');
});

test('capability names are unique, and so are their routes, tools and fields', () => {
  const unique = (xs: (string | undefined)[]) => {
    const given = xs.filter(Boolean);
    expect(new Set(given).size).toBe(given.length);
  };
  unique(CAPABILITIES.map((c) => c.name));
  unique(CAPABILITIES.map((c) => c.rest && `${c.rest.method} ${c.rest.path}`));
  unique(CAPABILITIES.map((c) => c.mcp?.tool));
  unique(CAPABILITIES.map((c) => c.graphql?.field));
});
