// endpointSlices: the EndpointSlices (and legacy Endpoints) the control plane would hold.
import { z } from 'zod';
import { stringify } from 'yaml';
import * as kernel from '../k8s';
import { MAX_ENDPOINTS_PER_SLICE } from '../k8s/endpoints';
import { COMPUTATION, defineCapability } from './capability';
import type { Locale } from '../knowledge/types';
import { languageOf } from './language';
import { asJson } from './renderings';
import { clusterCost, manifestInput } from './manifests';
import { endpointSliceSet } from './shapes/dns';

// The one line of prose in this tool's answer, in the reader's language (Accept-Language).
const NO_SLICES: Record<Locale, string> = {
  en: 'No EndpointSlices: the manifests have no Service (or only ExternalName Services, which get none).',
  ko: 'EndpointSlice가 없다. 매니페스트에 서비스가 없거나, EndpointSlice를 받지 않는 ExternalName 서비스뿐이다.',
};

const yamlDocuments = (objects: readonly object[]) => objects.map((o) => stringify(o).trimEnd()).join('\n---\n');

export const endpointSlices = defineCapability({
  name: 'endpointSlices',
  summary: 'EndpointSlices of a cluster',
  description:
    'The EndpointSlices (and legacy Endpoints) the control plane would hold: given ones as they are, the others as the EndpointSlice and mirroring controllers write them from the Pods and Endpoints given.',
  input: manifestInput(
    {
      maxEndpointsPerSlice: z
        .int()
        .min(1)
        .max(MAX_ENDPOINTS_PER_SLICE.max)
        .default(MAX_ENDPOINTS_PER_SLICE.default)
        .describe(
          `kube-controller-manager --max-endpoints-per-slice, 1-${MAX_ENDPOINTS_PER_SLICE.max}. Default ${MAX_ENDPOINTS_PER_SLICE.default}.`,
        ),
    },
    'settled',
  ),
  output: endpointSliceSet,
  ...COMPUTATION,
  cost: ({ cluster }) => clusterCost(cluster),
  run: ({ cluster, maxEndpointsPerSlice }) => kernel.endpointSlices(cluster, { maxEndpointsPerSlice }),
  rest: {
    method: 'POST',
    path: '/v1/endpointslices',
    tag: 'endpointslices',
    manifests: true,
    formats: {
      json: asJson('The objects.'),
      yaml: {
        type: 'application/yaml; charset=utf-8',
        describe: 'The EndpointSlices, then the Endpoints, as YAML documents.',
        render: (v) => `${yamlDocuments([...v.output.endpointSlices, ...v.output.endpoints])}\n`,
      },
    },
  },
  mcp: {
    tool: 'endpoint_slices',
    title: 'EndpointSlices of a cluster',
    description:
      'Computes the EndpointSlices that would exist for the Services in the given manifests, as the EndpointSlice controller writes ' +
      'them from the selected Pods (ready, serving and terminating conditions, hostname for headless Services, ports resolved from ' +
      "named container ports), or as the mirroring controller makes them from a selector-less Service's Endpoints. Given " +
      'EndpointSlices are kept as they are. Returns YAML, one document per slice. Use it to explain why a Service has no endpoints ' +
      '(selector mismatch, Pod not ready) or which port traffic reaches. Example: {"manifests": "…"}.',
    maxChars: 12000,
    text: ({ endpointSlices: slices }, _input, _extras, ctx) =>
      slices.length
        ? `# ${slices.length} EndpointSlice(s)\n---\n${yamlDocuments(slices)}\n`
        : NO_SLICES[languageOf(undefined, ctx)],
  },
  graphql: {
    field: 'endpointSlices',
    resolver: 'generated',
    example: {
      field: 'endpointSlices',
      description: 'The EndpointSlices and Endpoints the control plane would hold for the example’s Services and Pods.',
      args: [],
    },
  },
});
