// The capability registry and what points at it: the computations content sends readers to
// (src/knowledge/computations.ts, the `diagnosedBy` field) are served at the routes they name,
// for every one the registry has; the rest are still to come.
import { CAPABILITIES } from '../src/capabilities';
import { COMPUTATIONS } from '../src/knowledge/computations';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

test('a computation content names is served at its route, when the registry has it', () => {
  const served = new Map(
    CAPABILITIES.filter((c) => c.rest).map((c) => [kebab(c.name), `${c.rest!.method} ${c.rest!.path}`]),
  );
  const named = COMPUTATIONS.filter((c) => served.has(c.name));
  expect(named.map((c) => c.name).sort()).toEqual([
    'cluster-apply',
    'dns-query',
    'dns-records',
    'dns-resolve',
    'endpoint-slices',
    'probes-timeline',
    'scheduling-evaluate',
  ]);
  for (const c of named) expect({ name: c.name, route: c.route }).toEqual({ name: c.name, route: served.get(c.name) });
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
