// Query expansions that the content cannot carry as aliases: kubectl's short resource names (as
// `kubectl api-resources` lists them) and a few everyday words for what a concept is called. When a
// phrase on the left occurs in a query, the words on the right are searched too, at a lower
// weight than what the user typed. Aliases in content/ are the first place for what people type;
// this list is for words that belong to no single concept's text.

export interface Synonym {
  /** Phrases as people type them; matched on analysed words, so case, spacing and endings do not matter. */
  when: readonly string[];
  /** Text searched in addition. */
  add: string;
}

export const SYNONYMS: readonly Synonym[] = [
  // kubectl short names
  { when: ['po'], add: 'pod' },
  { when: ['svc'], add: 'service' },
  { when: ['ep'], add: 'endpoints' },
  { when: ['ns'], add: 'namespace' },
  { when: ['cm'], add: 'configmap' },
  { when: ['sa'], add: 'serviceaccount' },
  { when: ['pv'], add: 'persistentvolume' },
  { when: ['pvc'], add: 'persistentvolumeclaim' },
  { when: ['deploy'], add: 'deployment' },
  { when: ['sts'], add: 'statefulset' },
  { when: ['ing'], add: 'ingress' },
  { when: ['quota'], add: 'resourcequota' },
  { when: ['netpol'], add: 'networkpolicy' },
  // words for "kind of" and for something going missing, which concept texts phrase differently
  { when: ['종류', '유형', '타입', 'types', 'kinds'], add: '종류 유형 타입 type kind' },
  { when: ['disappear', 'vanish', 'gone', 'missing', '사라져', '사라지', '빠져', '빠지'], add: 'remove 제거 빠지' },
  { when: ['오래 걸리', '오래걸리', '느려', '느린', '느리게', '늦게'], add: '느린 느리게 slow' },
  // what people want done, in their words, for the concepts that do it (a how-to names the goal, not the
  // mechanism): reaching an app from outside the cluster is a LoadBalancer, a NodePort or an Ingress
  {
    when: [
      'expose',
      'outside the cluster',
      'from outside',
      'internet',
      'publicly',
      '외부에 노출',
      '외부로 노출',
      '외부에서',
      '노출',
    ],
    add: 'loadbalancer nodeport ingress 로드밸런서 노드포트 인그레스',
  },
  // everyday words for a mechanism
  { when: ['lb', 'load balancer', '로드 밸런서'], add: 'loadbalancer 로드밸런서' },
  { when: ['스케쥴', '스케쥴링', '스케쥴러'], add: '스케줄링 스케줄러' },
];
