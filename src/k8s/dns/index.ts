// Cluster DNS as CoreDNS's `kubernetes` plugin serves it: the records a cluster has, the answer to a
// question, and resolution through a Pod's search path. Outside code imports only this file.
// Spec: https://github.com/kubernetes/dns/blob/master/docs/specification.md
// CoreDNS: https://github.com/coredns/coredns/tree/master/plugin/kubernetes
export { clusterDomainProblem, dnsOptions, DEFAULT_DNS_OPTIONS, MAX_TTL, POD_MODES } from './options';
export type { DnsOptions, DnsOptionsInput, PodMode } from './options';
export { recordsFor } from './records';
export { buildIndex, answer } from './answer';
export type { DnsIndex } from './model';
export { resolveFromPod, resolveWithIndex, candidateNames } from './resolve';
export type { ResolveRequest, ResolveResult, ResolvConf, TriedName } from './resolve';
export { zoneFile, zoneLine, type ZoneRecord } from './zone';
export { answerIn, recordIn, resolutionIn } from './language';
export type { AnswerIn, ExplanationIn, Language, RecordIn, ResolutionIn } from './language';
export { nameProblem, QUERY_TYPES, question } from './query';
export type { Question, QueryType } from './query';
export { absoluteName, serviceFqdn, podFqdn, endpointFqdn, dashedIp } from './names';
export { reverseName } from './names';
export { parseIp } from '../objects';
export { DNS_SCHEMA_VERSION, SPEC_URL } from './rules';
export { DIFFERENCES_FROM_SPEC, KUBEKNOW_LIMITATIONS } from './differences';
export type { DnsAnswer, DnsRecord, Explanation, Rcode, RecordSource, RecordType, SpecDifference } from './types';
