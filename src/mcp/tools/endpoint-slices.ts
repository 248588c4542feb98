// endpoint_slices: the EndpointSlices the control plane would hold for the given manifests.
import { stringify } from 'yaml';
import { z } from 'zod';
import * as kernel from '../../k8s';
import { bounded, defineTool } from '../tool';
import { manifests, maxChars } from './shared';

export const endpointSlices = defineTool({
  name: 'endpoint_slices',
  title: 'EndpointSlices of a cluster',
  description:
    'Computes the EndpointSlices that would exist for the Services in the given manifests, as the EndpointSlice controller writes ' +
    'them from the selected Pods (ready, serving and terminating conditions, hostname for headless Services, ports resolved from ' +
    "named container ports), or as the mirroring controller makes them from a selector-less Service's Endpoints. Given " +
    'EndpointSlices are kept as they are. Returns YAML, one document per slice. Use it to explain why a Service has no endpoints ' +
    '(selector mismatch, Pod not ready) or which port traffic reaches. Example: {"manifests": "…"}.',
  inputSchema: {
    manifests,
    maxEndpointsPerSlice: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('kube-controller-manager --max-endpoints-per-slice (1-1000, default 100).'),
    maxChars: maxChars(12000),
  },
  scope: 'read',
  run({ manifests, maxEndpointsPerSlice, maxChars }) {
    const slices = kernel.endpointSlices({ manifests, maxEndpointsPerSlice }).endpointSlices;
    if (!slices.length)
      return 'No EndpointSlices: the manifests have no Service (or only ExternalName Services, which get none).';
    const docs = slices.map((s) => stringify(s).trimEnd());
    return bounded(`# ${slices.length} EndpointSlice(s)\n---\n${docs.join('\n---\n')}\n`, maxChars, 'Raise maxChars.');
  },
});
