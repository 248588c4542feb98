// Resolution from inside a Pod: the resolv.conf the kubelet writes for the Pod's dnsPolicy and
// dnsConfig (pkg/kubelet/network/dns/dns.go GetPodDNS), then the order in which glibc's resolver
// tries the names of its search list (resolv/res_query.c __res_context_search).
import { fail, KubeknowError } from '../../errors';
import type { Cluster, DNSPolicy, PodDNSConfig } from '../objects/types';
import { answer, buildIndex } from './answer';
import type { Catalog, DnsIndex } from './model';
import type { DnsOptionsInput } from './options';
import { question } from './query';
import type { Text } from '../explanation';
import type { DnsAnswer, Explanation, Rcode } from './types';

export interface ResolveRequest {
  name: string;
  type?: string;
  /** The asking Pod, `namespace/name` or { namespace, name }: its dnsPolicy and dnsConfig apply. */
  fromPod?: string | { namespace: string; name: string };
  /** Without fromPod: a ClusterFirst Pod in this namespace. */
  fromNamespace?: string;
}

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: { name: string; value?: string }[];
  /** glibc's ndots after parsing the options: 1 when unset, at most 15. */
  ndots: number;
  /** Whether the first nameserver is the cluster DNS, so that kubeknow can answer for it. */
  usesClusterDns: boolean;
  /** The file as the kubelet writes it. */
  text: string;
  /** What the kubelet dropped or changed, and why. */
  notes: Text[];
}

export interface TriedName {
  name: string;
  rcode: Rcode;
  answerCount: number;
  note?: Text;
}

export interface ResolveResult {
  from: { namespace: string; pod?: string; dnsPolicy: DNSPolicy; hostNetwork: boolean };
  resolvConf: ResolvConf;
  tried: TriedName[];
  /** The first answer with records, or null when no candidate had any. */
  answer: DnsAnswer | null;
  explanation: Explanation;
}

interface Asker {
  namespace: string;
  pod?: string;
  dnsPolicy: DNSPolicy;
  hostNetwork: boolean;
  dnsConfig?: PodDNSConfig;
}

const MAX_NAMESERVERS = 3; // glibc's MAXNS; the kubelet keeps the first three
const MAX_SEARCH_PATHS = 32; // validation.MaxDNSSearchPathsExpanded
const MAX_SEARCH_CHARS = 2048; // validation.MaxDNSSearchListCharsExpanded
const MAX_NDOTS = 15; // glibc's RES_MAXNDOTS

/** Resolves a name the way a process in the Pod would, through the search list. */
export function resolveFromPod(cluster: Cluster, request: ResolveRequest, options?: DnsOptionsInput): ResolveResult {
  return resolveWithIndex(buildIndex(cluster, options), request);
}

/** resolveFromPod over an index already built. */
export function resolveWithIndex(index: DnsIndex, request: ResolveRequest): ResolveResult {
  const q = question({ name: request.name, type: request.type });
  const asker = askerOf(index.cluster, request);
  const conf = resolvConfFor(asker, index.catalog);
  const from = {
    namespace: asker.namespace,
    ...(asker.pod ? { pod: asker.pod } : {}),
    dnsPolicy: asker.dnsPolicy,
    hostNetwork: asker.hostNetwork,
  };
  const who: Text = asker.pod
    ? { en: `Pod ${asker.pod}`, ko: `Pod ${asker.pod}` }
    : {
        en: `a ClusterFirst Pod in namespace "${asker.namespace}"`,
        ko: `namespace "${asker.namespace}"의 ClusterFirst Pod`,
      };
  const host = asker.hostNetwork;
  const steps: Text[] = [
    {
      en: `${who.en} has dnsPolicy ${asker.dnsPolicy}${host ? ' and hostNetwork: true' : ''}; the kubelet writes this resolv.conf:\n${conf.text}`,
      ko: `${who.ko}의 dnsPolicy는 ${asker.dnsPolicy}${host ? '이고 hostNetwork: true' : ''}이다. kubelet은 다음 resolv.conf를 쓴다:\n${conf.text}`,
    },
    ...conf.notes,
  ];
  if (!conf.usesClusterDns) {
    const summary = {
      en: `${who.en} does not send "${request.name}" to the cluster DNS, so kubeknow cannot say what it resolves to.`,
      ko: `${who.ko}는 "${request.name}"을(를) 클러스터 DNS에 보내지 않으므로, kubeknow는 무엇으로 해석되는지 알 수 없다.`,
    };
    return { from, resolvConf: conf, tried: [], answer: null, explanation: { summary, steps } };
  }
  const name = request.name.trim();
  const candidates = candidateNames(name, conf, steps);
  const tried: TriedName[] = [];
  for (const candidate of candidates) {
    const reply = answer(index, { name: candidate, type: q.type });
    const entry: TriedName = { name: reply.question.name, rcode: reply.rcode, answerCount: reply.answer.length };
    if (!reply.authoritative)
      entry.note = {
        en: 'outside the cluster zone: CoreDNS forwards it upstream, whose answer kubeknow does not know; the resolver is assumed to get NXDOMAIN and move on',
        ko: '클러스터 zone 밖: CoreDNS가 upstream으로 넘기며, kubeknow는 그 응답을 모른다. resolver가 NXDOMAIN을 받고 다음으로 넘어간다고 가정한다',
      };
    tried.push(entry);
    const count = reply.answer.length;
    const nodata = reply.rcode === 'NOERROR';
    const last = count ? undefined : reply.explanation.steps[reply.explanation.steps.length - 1];
    const asked = `${reply.question.name} ${q.type}: ${reply.rcode}`;
    steps.push({
      en: `${asked}${count ? ` with ${count} record${count === 1 ? '' : 's'}` : nodata ? ' without records (NODATA: glibc keeps searching)' : ''}.${last ? ` ${last.en}` : ''}`,
      ko: `${asked}${count ? `, 레코드 ${count}개` : nodata ? ', 레코드 없음(NODATA: glibc는 계속 찾는다)' : ''}.${last ? ` ${last.ko}` : ''}`,
    });
    if (reply.rcode === 'NOERROR' && reply.answer.length > 0) {
      const n = tried.length;
      const summary = {
        en: `From ${who.en}, "${name}" ${q.type} resolves as ${reply.question.name} after ${n} quer${n === 1 ? 'y' : 'ies'}: ${reply.explanation.summary.en}`,
        ko: `${who.ko}에서 "${name}" ${q.type}은(는) 질의 ${n}번 만에 ${reply.question.name}(으)로 해석된다: ${reply.explanation.summary.ko}`,
      };
      return { from, resolvConf: conf, tried, answer: reply, explanation: { summary, steps } };
    }
  }
  const all = tried.map((t) => `${t.name} ${t.rcode}`).join('; ');
  const summary = {
    en: `From ${who.en}, no name tried for "${name}" has ${article(q.type)} ${q.type} record (${all}).`,
    ko: `${who.ko}에서 "${name}"에 대해 시도한 어떤 이름에도 ${q.type} 레코드가 없다(${all}).`,
  };
  return { from, resolvConf: conf, tried, answer: null, explanation: { summary, steps } };
}

// A record type is read letter by letter: "an" before a letter said with a vowel sound (an A, an
// AAAA, an NS, an SRV, an MX), "a" before the others (a CNAME, a PTR, a TXT).
const article = (type: string): string => (/^[AEFHILMNORSX]/.test(type) ? 'an' : 'a');

function askerOf(cluster: Cluster, request: ResolveRequest): Asker {
  const ref = request.fromPod;
  if (ref === undefined || ref === null || ref === '') {
    const ns = request.fromNamespace;
    if (typeof ns !== 'string' || ns === '')
      fail(
        'FIELD_REQUIRED',
        'give fromPod ("namespace/name") or fromNamespace: search paths depend on the asking Pod\'s namespace',
        'fromPod',
      );
    return { namespace: ns.toLowerCase(), dnsPolicy: 'ClusterFirst', hostNetwork: false };
  }
  const [namespace, name] =
    typeof ref === 'string' ? (ref.split('/').length === 2 ? ref.split('/') : ['', '']) : [ref.namespace, ref.name];
  if (typeof namespace !== 'string' || typeof name !== 'string' || !namespace || !name) {
    fail('FIELD_INVALID', `must be "namespace/name" or { namespace, name }, got ${JSON.stringify(ref)}`, 'fromPod');
  }
  if (request.fromNamespace && request.fromNamespace !== namespace) {
    throw new KubeknowError({
      code: 'FIELD_INVALID',
      path: 'fromNamespace',
      message: `contradicts fromPod, whose namespace is "${namespace}"`,
      value: request.fromNamespace,
    });
  }
  const pod = cluster.pods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
  if (!pod) fail('NOT_FOUND', `no Pod "${namespace}/${name}" in the input`, 'fromPod');
  return {
    namespace,
    pod: `${namespace}/${name}`,
    dnsPolicy: pod.spec.dnsPolicy,
    hostNetwork: pod.spec.hostNetwork,
    dnsConfig: pod.spec.dnsConfig,
  };
}

/** GetPodDNS: the base settings for the DNS policy, then dnsConfig appended, then the limits. */
export function resolvConfFor(asker: Asker, catalog: Catalog): ResolvConf {
  const notes: Text[] = [];
  const clusterDns = catalog.nameserver?.clusterIPs.map((c) => c.ip.text) ?? [];
  let nameservers: string[] = [];
  let search: string[] = [];
  let options: { name: string; value?: string }[] = [];
  const policy = asker.dnsPolicy;
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !asker.hostNetwork);
  if (cluster) {
    const domain = catalog.options.clusterDomain;
    nameservers = clusterDns;
    search = [`${asker.namespace}.svc.${domain}`, `svc.${domain}`, domain];
    options = [{ name: 'ndots', value: '5' }];
    if (!clusterDns.length)
      notes.push({
        en: "The nameserver is the kubelet's --cluster-dns, the clusterIP of the kube-dns Service (10.96.0.10 on kubeadm defaults); the input has no kube-system/kube-dns Service with a clusterIP, so it is not listed.",
        ko: 'nameserver는 kubelet의 --cluster-dns, 즉 kube-dns Service의 clusterIP다(kubeadm 기본값에서 10.96.0.10). 입력에 clusterIP가 있는 kube-system/kube-dns Service가 없어서 적지 않았다.',
      });
    notes.push({
      en: "The kubelet also appends the node's own search domains after these three; the input does not give them.",
      ko: 'kubelet은 이 세 개 뒤에 노드 자신의 search 도메인도 붙인다. 입력에는 그 도메인이 없다.',
    });
  } else if (policy !== 'None') {
    if (policy === 'ClusterFirst')
      notes.push({
        en: 'dnsPolicy ClusterFirst on a hostNetwork Pod falls back to Default (use ClusterFirstWithHostNet to keep the cluster DNS).',
        ko: 'hostNetwork Pod의 dnsPolicy ClusterFirst는 Default로 바뀐다(클러스터 DNS를 쓰려면 ClusterFirstWithHostNet을 쓴다).',
      });
    notes.push({
      en: "With dnsPolicy Default the Pod gets the node's resolv.conf (the kubelet's --resolv-conf), which normally points at the node's resolvers, not at the cluster DNS; the input does not give it.",
      ko: 'dnsPolicy Default에서 Pod는 노드의 resolv.conf(kubelet의 --resolv-conf)를 받는다. 보통 클러스터 DNS가 아니라 노드의 resolver를 가리키며, 입력에는 그 파일이 없다.',
    });
  } else {
    notes.push({
      en: 'dnsPolicy None starts from nothing: everything comes from spec.dnsConfig.',
      ko: 'dnsPolicy None은 빈 상태에서 시작한다. 모든 설정이 spec.dnsConfig에서 온다.',
    });
  }
  const cfg = asker.dnsConfig;
  if (cfg) {
    nameservers = unique([...nameservers, ...cfg.nameservers]);
    search = unique([...search, ...cfg.searches.map((s) => s.replace(/\.$/, ''))]);
    for (const opt of cfg.options) {
      const at = options.findIndex((o) => o.name === opt.name);
      const entry = opt.value === undefined ? { name: opt.name } : { name: opt.name, value: opt.value };
      if (at >= 0) options[at] = entry;
      else options.push(entry);
    }
    notes.push({
      en: 'spec.dnsConfig is merged in: its nameservers and searches are appended without duplicates, and its options replace options of the same name.',
      ko: 'spec.dnsConfig가 합쳐진다. nameservers와 searches는 중복 없이 뒤에 붙고, options는 같은 이름의 option을 대체한다.',
    });
  }
  ({ nameservers, search } = fitLimits(nameservers, search, notes));
  const ndots = ndotsOf(options);
  const first = nameservers[0];
  const usesClusterDns = cluster || (policy === 'None' && first !== undefined && clusterDns.includes(first));
  if (policy === 'None' && !usesClusterDns)
    notes.push(
      first === undefined
        ? { en: 'No nameserver is configured.', ko: '설정된 nameserver가 없다.' }
        : {
            en: `The first nameserver, ${first}, is not the clusterIP of a kube-dns Service in the input.`,
            ko: `첫 번째 nameserver ${first}은(는) 입력에 있는 kube-dns Service의 clusterIP가 아니다.`,
          },
    );
  const text = [
    ...nameservers.map((n) => `nameserver ${n}`),
    ...(search.length ? [`search ${search.join(' ')}`] : []),
    ...(options.length
      ? [
          `options ${options.map((o) => (o.value === undefined || o.value === '' ? o.name : `${o.name}:${o.value}`)).join(' ')}`,
        ]
      : []),
  ].join('\n');
  return { nameservers, search, options, ndots, usesClusterDns, text, notes };
}

function fitLimits(
  nameservers: string[],
  search: string[],
  notes: Text[],
): { nameservers: string[]; search: string[] } {
  if (nameservers.length > MAX_NAMESERVERS) {
    const dropped = nameservers.slice(MAX_NAMESERVERS).join(', ');
    notes.push({
      en: `Only the first ${MAX_NAMESERVERS} nameservers are kept (glibc reads no more); the kubelet drops ${dropped}.`,
      ko: `앞의 nameserver ${MAX_NAMESERVERS}개만 남는다(glibc가 그 이상 읽지 않는다). kubelet은 ${dropped}을(를) 버린다.`,
    });
    nameservers = nameservers.slice(0, MAX_NAMESERVERS);
  }
  if (search.length > MAX_SEARCH_PATHS) {
    notes.push({
      en: `Only the first ${MAX_SEARCH_PATHS} search domains are kept.`,
      ko: `앞의 search 도메인 ${MAX_SEARCH_PATHS}개만 남는다.`,
    });
    search = search.slice(0, MAX_SEARCH_PATHS);
  }
  search = search.filter((s) => s.length <= 253);
  while (search.join(' ').length > MAX_SEARCH_CHARS) search = search.slice(0, -1);
  return { nameservers, search };
}

/** glibc reads `ndots:n` with atoi and caps it at 15; without the option ndots is 1. */
function ndotsOf(options: { name: string; value?: string }[]): number {
  const opt = options.find((o) => o.name === 'ndots');
  if (!opt) return 1;
  const n = parseInt(opt.value ?? '', 10);
  return Number.isNaN(n) || n < 0 ? 0 : Math.min(n, MAX_NDOTS);
}

/**
 * __res_context_search: a trailing dot means the name alone; otherwise the name as-is first when it
 * has at least ndots dots, then each search domain (NXDOMAIN and NODATA both move on), then the
 * name as-is last if it was not tried first (unless no-tld-query and the name has no dot).
 */
export function candidateNames(
  name: string,
  conf: Pick<ResolvConf, 'ndots' | 'search' | 'options'>,
  steps: Text[] = [],
): string[] {
  const dots = name.split('.').length - 1;
  if (name.endsWith('.')) {
    steps.push({
      en: `"${name}" ends with a dot, so it is absolute: the resolver asks for it alone.`,
      ko: `"${name}"은(는) 점으로 끝나는 절대 이름이므로 resolver는 그 이름만 묻는다.`,
    });
    return [name];
  }
  const out: string[] = [];
  const asIsFirst = dots >= conf.ndots;
  if (asIsFirst) out.push(`${name}.`);
  let rootOnList = false;
  for (const domain of conf.search) {
    const d = domain.replace(/^\./, '').replace(/\.$/, '');
    if (d === '') rootOnList = true;
    out.push(d === '' ? `${name}.` : `${name}.${d}.`);
  }
  const noTld = conf.options.some((o) => o.name === 'no-tld-query');
  if (!asIsFirst && !rootOnList && (dots > 0 || conf.search.length === 0 || !noTld)) out.push(`${name}.`);
  const has = `"${name}" has ${dots} dot${dots === 1 ? '' : 's'}`;
  steps.push(
    asIsFirst
      ? {
          en: `${has}, at least ndots (${conf.ndots}), so the resolver asks for it as-is first, then through the search list.`,
          ko: `"${name}"의 점은 ${dots}개로 ndots(${conf.ndots}) 이상이므로, resolver는 이름을 그대로 먼저 묻고 그다음 search 목록을 따라간다.`,
        }
      : {
          en: `${has}, fewer than ndots (${conf.ndots}), so the resolver walks the search list first and asks for the name as-is last.`,
          ko: `"${name}"의 점은 ${dots}개로 ndots(${conf.ndots})보다 적으므로, resolver는 search 목록을 먼저 따라가고 이름 그대로는 마지막에 묻는다.`,
        },
  );
  return unique(out);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
