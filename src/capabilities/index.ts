// The capability registry: every lookup and computation kubeknow offers, one file each, in the
// order transports list them (knowledge first, then the computing kernel). Transports are made from
// this table (src/rest/capabilities.ts, src/mcp/tools.ts, src/graphql/generate.ts), as
// kube-scheduler builds its profiles from one plugin registry. Adding a capability is adding its
// file and a line here; docs/architecture.md says what it gets for free.
import { podAdmission } from './pod-admission';
import type { Capability } from './capability';
import { clusterApply } from './cluster-apply';
import { concept } from './concept';
import { concepts } from './concepts';
import { context } from './context';
import { dnsQuery } from './dns-query';
import { dnsRecords } from './dns-records';
import { dnsResolve } from './dns-resolve';
import { endpointSlices } from './endpoint-slices';
import { exportDocuments } from './export';
import { podEnvironment } from './pod-environment';
import { references } from './references';
import { relations } from './relations';
import { removeReference } from './remove-reference';
import { probesTimeline } from './probes-timeline';
import { revisions } from './revisions';
import { schedulingEvaluate } from './scheduling-evaluate';
import { search } from './search';
import { secretDecode } from './secrets-decode';
import { secretDockerRegistry } from './secrets-docker-registry';
import { secretGeneric } from './secrets-generic';
import { secretTls } from './secrets-tls';

export const CAPABILITIES: readonly Capability[] = [
  context,
  search,
  concept,
  concepts,
  relations,
  references,
  removeReference,
  revisions,
  exportDocuments,
  dnsQuery,
  dnsResolve,
  dnsRecords,
  endpointSlices,
  schedulingEvaluate,
  probesTimeline,
  secretGeneric,
  secretTls,
  secretDockerRegistry,
  secretDecode,
  podAdmission,
  clusterApply,
  podEnvironment,
];

export { concept, concepts, context, dnsQuery, dnsRecords, dnsResolve, endpointSlices, exportDocuments };
export { references, relations, removeReference, revisions, search };
export { clusterApply, podEnvironment };
export {
  podAdmission,
  probesTimeline,
  schedulingEvaluate,
  secretDecode,
  secretDockerRegistry,
  secretGeneric,
  secretTls,
};
export type { Capability, CapabilityContext } from './capability';
export { argumentsOf } from './args';
export { invoke, type Call } from './invoke';
