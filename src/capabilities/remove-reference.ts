// remove-reference: an edit, the one served by REST and MCP as well as GraphQL (removeReference), so that
// a reference added by mistake can be taken back from any of them. It writes a revision like every edit;
// revertReference brings the reference back under its key, with its history.
import { z } from 'zod';
import { requireScope } from '../auth/keys';
import { removeReferenceInput } from '../knowledge/inputs';
import { defineCapability } from './capability';
import { asJson } from './renderings';

const { key, expectedVersion } = removeReferenceInput.shape;

const removed = z.object({
  key: z.string().describe('The key of the removed reference.'),
  version: z
    .int()
    .describe('The version of the removal: what revertReference’s `expectedVersion` takes to bring it back.'),
});

export const removeReference = defineCapability({
  name: 'removeReference',
  summary: 'Remove a reference',
  description:
    'Removes a reference that no fact cites, if it is still at `expectedVersion`; while facts cite it, it is refused with CONFLICT naming them (`<slug>/<fact key>`). The removal is a revision: revertReference brings the reference back with its key and history. Needs an API key with the write scope.',
  input: z.object({
    key: key.describe('The key of the reference, such as `k8s-service`.'),
    expectedVersion: expectedVersion.describe(
      'The reference’s `version` as last read; when it has changed since, nothing is written and the error is CONFLICT.',
    ),
  }),
  output: removed,
  scope: 'write',
  values: 'parameters',
  annotations: { readOnly: false, idempotent: false },
  cost: () => 1,
  run: async (input, ctx) => {
    const author = { name: requireScope(ctx.principal, 'write').name };
    return { key: input.key, version: await ctx.knowledge.removeReference(author, input) };
  },
  rest: {
    method: 'DELETE',
    path: '/v1/references/:key',
    tag: 'references',
    formats: { json: asJson('The key of the removed reference and the version of the removal.') },
  },
  mcp: {
    tool: 'remove_reference',
    title: 'Remove a reference',
    description:
      'Removes a reference no fact cites (needs a key with the write scope). Give its `key` and the `version` you last read (the newest of get_revisions with slug `reference:<key>`) as `expectedVersion`. While facts cite it, the error names them: remove or re-cite those facts first. Undo with revertReference (GraphQL) to the version before the removal. ' +
      'Example: {"key": "k8s-service", "expectedVersion": 2}.',
    text: (out) =>
      `Removed reference "${out.key}" (version ${out.version}). revertReference with expectedVersion ${out.version} brings it back.`,
  },
});
