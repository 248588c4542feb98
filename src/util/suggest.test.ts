import { didYouMean, didYouMeanText, suggestions } from './suggest';

const kinds = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const slugs = [
  { value: 'headless-service', aliases: ['headless svc', 'clusterIP: None', '헤드리스 서비스'] },
  { value: 'service', aliases: ['svc'] },
  { value: 'service-type-nodeport', aliases: ['NodePort'] },
  { value: 'readiness-probe', aliases: [] },
];

const cases: { name: string; input: string; candidates: Parameters<typeof suggestions>[1]; want: string[] }[] = [
  { name: 'a difference of case alone is the nearest', input: 'Nodeport', candidates: kinds, want: ['NodePort'] },
  {
    name: 'a typo within 40% of the input',
    input: 'verifed',
    candidates: ['insecure', 'verified'],
    want: ['verified'],
  },
  { name: 'a short input gets only close typos', input: 'AAA', candidates: ['A', 'AAAA', 'SRV'], want: ['AAAA'] },
  {
    name: 'a prefix too short to be a typo is found by containment',
    input: 'NoExec',
    candidates: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
    want: ['NoExecute'],
  },
  {
    name: 'a slug typo comes before slugs that merely contain a word',
    input: 'headles-service',
    candidates: slugs,
    want: ['headless-service'],
  },
  { name: 'an alias stands for its candidate', input: 'headless-svc', candidates: slugs, want: ['headless-service'] },
  { name: 'aliases in any language match', input: '헤드리스 서비스', candidates: slugs, want: ['headless-service'] },
  {
    name: 'an alias as people type it, with spaces',
    input: 'node port',
    candidates: slugs,
    want: ['service-type-nodeport'],
  },
  {
    name: 'a shared word is the last resort',
    input: 'probe-readiness-failing',
    candidates: slugs,
    want: ['readiness-probe'],
  },
  { name: 'a service type in lower case is that type', input: 'clusterip', candidates: kinds, want: ['ClusterIP'] },
  {
    name: 'a dropped letter in a long slug beats a changed word',
    input: 'node-affinty',
    candidates: ['pod-affinity', 'node-affinity', 'daemonset'],
    want: ['node-affinity'],
  },
  {
    name: 'two letters swapped are one slip, nearer than a changed letter and a dropped one',
    input: 'deploymnet',
    candidates: ['deployments', 'deployment', 'replicaset'],
    want: ['deployment'],
  },
  {
    name: 'a name the input begins comes before a short word two edits away',
    input: 'oom',
    candidates: ['job', 'configmap', 'oomkilled'],
    want: ['oomkilled'],
  },
  {
    name: 'a name having every word of the input comes before one containing part of it',
    input: 'service-clusterip',
    candidates: ['service', 'dns-resolution-failure', 'service-type-clusterip'],
    want: ['service-type-clusterip'],
  },
  { name: 'nothing near gives nothing', input: 'zzqxv', candidates: kinds, want: [] },
  { name: 'an empty input gives nothing', input: '  ', candidates: kinds, want: [] },
];

for (const c of cases)
  test(c.name, () => {
    expect(suggestions(c.input, c.candidates, 1)).toEqual(c.want);
  });

test('up to max suggestions, nearest first, ties alphabetically', () => {
  expect(suggestions('tcp', ['UDP', 'TCP', 'SCTP'], 3)).toEqual(['TCP', 'SCTP', 'UDP']);
  expect(suggestions('tcp', ['UDP', 'TCP', 'SCTP'], 1)).toEqual(['TCP']);
});

test('didYouMean and didYouMeanText word the nearest one', () => {
  expect(didYouMean('podmode', ['clusterDomain', 'podMode', 'ttl'])).toBe('podMode');
  expect(didYouMeanText('podmode', ['clusterDomain', 'podMode', 'ttl'])).toBe('. Did you mean "podMode"?');
  expect(didYouMeanText('zzz', ['clusterDomain'])).toBe('');
});
