// The capability registry and what points at it: the computations content sends readers to
// (src/knowledge/computations.ts, the `diagnosedBy` field) are capabilities of the same name (in
// kebab-case), served at the routes they name.
import fs from 'node:fs';
import path from 'node:path';
import { CAPABILITIES } from '../src/capabilities';
import { ROOT } from '../src/paths';
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

// docs/mcp.md's table is what a chatbot's developer reads to choose tools: it left out cluster_apply and
// pod_environment, which tools/list gives (new-user review).
test('docs/mcp.md has a row for every MCP tool', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/mcp.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \|/gm)].flatMap((m) => m[1].match(/[a-z_]+/g)!);
  const tools = CAPABILITIES.flatMap((c) => (c.mcp ? [c.mcp.tool] : []));
  expect(tools.filter((t) => !rows.includes(t))).toEqual([]);
});
