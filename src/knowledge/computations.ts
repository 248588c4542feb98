// The kubeknow computations a concept can send its reader to (the content field `diagnosedBy`): each
// kernel capability by its name in kebab-case (podAdmission is `pod-admission`), with the route that serves it and what it shows, in the
// order a manifest passes through the control plane. docs/content-format.md lists the same names and
// routes, and a test keeps the two equal.
import type { Locale } from './types';

export interface Computation {
  name: string;
  route: string;
  does: Record<Locale, string>;
}

export const COMPUTATIONS = [
  {
    name: 'cluster-apply',
    route: 'POST /v1/cluster/apply',
    does: {
      en: 'settles the manifests as the control plane would: defaults, Service IPs, the Pods the controllers create, readiness, and warnings such as a Service whose selector matches no Pod',
      ko: '매니페스트를 컨트롤 플레인처럼 처리한다: 기본값, 서비스 IP, 컨트롤러가 만드는 파드, 준비 상태, 그리고 셀렉터에 맞는 파드가 없는 서비스 같은 경고',
    },
  },
  {
    name: 'pod-admission',
    route: 'POST /v1/admission/pod',
    does: {
      en: 'what LimitRange and ResourceQuota admission does to a Pod: the requests and limits filled in, or the API server’s refusal',
      ko: 'LimitRange와 ResourceQuota 어드미션이 파드에 하는 일: 채워지는 요청량과 제한, 또는 API 서버의 거부 메시지',
    },
  },
  {
    name: 'scheduling-evaluate',
    route: 'POST /v1/scheduling/evaluate',
    does: {
      en: 'whether a Pod fits each Node, with kube-scheduler’s filter reasons (the `0/3 nodes are available: …` message), scores and preemption',
      ko: '파드가 각 노드에 들어갈 수 있는지를 kube-scheduler의 필터 사유(`0/3 nodes are available: …` 메시지), 점수, 선점과 함께 보여 준다',
    },
  },
  {
    name: 'probes-timeline',
    route: 'POST /v1/probes/timeline',
    does: {
      en: 'what the kubelet does with a container’s startup, liveness and readiness probes over time: kills, restarts, back-off and Ready changes',
      ko: 'kubelet이 컨테이너의 시작·활성·준비성 프로브로 시간에 따라 하는 일: 종료, 재시작, 백오프, Ready 변화',
    },
  },
  {
    name: 'endpoint-slices',
    route: 'POST /v1/endpointslices',
    does: {
      en: 'the EndpointSlices (and legacy Endpoints) the control plane holds for the Services and Pods given, ready or not',
      ko: '주어진 서비스와 파드에 대해 컨트롤 플레인이 만드는 엔드포인트슬라이스(와 레거시 엔드포인트), 준비 여부 포함',
    },
  },
  {
    name: 'dns-records',
    route: 'POST /v1/dns/records',
    does: {
      en: 'every record cluster DNS serves for the objects given',
      ko: '주어진 오브젝트에 대해 클러스터 DNS가 제공하는 모든 레코드',
    },
  },
  {
    name: 'dns-query',
    route: 'POST /v1/dns/query',
    does: {
      en: 'the answer CoreDNS gives to one name (NOERROR, NXDOMAIN, the records) and why',
      ko: 'CoreDNS가 이름 하나에 주는 응답(NOERROR, NXDOMAIN, 레코드)과 그 이유',
    },
  },
  {
    name: 'dns-resolve',
    route: 'POST /v1/dns/resolve',
    does: {
      en: 'how a Pod resolves a name through its search path: every name tried, in order, and the first answer',
      ko: '파드가 검색 경로를 따라 이름을 해석하는 과정: 시도하는 이름을 순서대로, 그리고 첫 응답',
    },
  },
] as const satisfies readonly Computation[];

export type ComputationName = (typeof COMPUTATIONS)[number]['name'];
export const COMPUTATION_NAMES = COMPUTATIONS.map((c) => c.name) as [ComputationName, ...ComputationName[]];

const byName = new Map<string, (typeof COMPUTATIONS)[number]>(COMPUTATIONS.map((c) => [c.name, c]));
// Names concepts stored before a computation took its capability's name still find it.
const RENAMED = new Map([['admission-pod', 'pod-admission']]);

/** The computation with this name (or the name it had before), if there is one. */
export const computation = (name: string): (typeof COMPUTATIONS)[number] | undefined =>
  byName.get(RENAMED.get(name) ?? name);
