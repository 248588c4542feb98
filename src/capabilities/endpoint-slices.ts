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

// The one line of prose in this tool's answer, in the reader's language (Accept-Language). A Service with
// a selector always gets a slice, empty when it selects no Pod, so none means no such Service; it said
// "no Service" to a selector-less one (new-user review).
const NO_SLICES: Record<Locale, string> = {
  en:
    'No EndpointSlices: the EndpointSlice controller writes them for Services with a selector, and there is none here; ' +
    'a Service without a selector gets them only from an Endpoints object of its own name (the mirroring controller), ' +
    'and an ExternalName Service gets none.',
  ko:
    'EndpointSlice가 없다. EndpointSlice 컨트롤러는 셀렉터가 있는 서비스에 대해 EndpointSlice를 만드는데, 여기에는 그런 서비스가 없다. ' +
    '셀렉터가 없는 서비스는 같은 이름의 Endpoints 오브젝트가 있을 때만 (미러링 컨트롤러가 만든) EndpointSlice를 받고, ExternalName 서비스는 받지 않는다.',
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
