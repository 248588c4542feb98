// A corrected fact reads as one sentence to the reader, in English and in Korean.
import { correctionText } from './corrections';
import type { Locale } from './types';

interface Case {
  name: string;
  statement: string;
  belief: string | null;
  lang: Locale;
  want: string;
}

const cases: Case[] = [
  {
    name: 'a fact that corrects no belief is its statement alone',
    statement: 'ClusterIP is the default Service type.',
    belief: null,
    lang: 'en',
    want: 'ClusterIP is the default Service type.',
  },
  {
    name: 'the statement continues the sentence: an ordinary first word is lower-cased',
    statement: 'The kubelet ranks Pods by usage above requests.',
    belief: 'the kubelet evicts Pods by QoS class',
    lang: 'en',
    want: 'A common belief is that the kubelet evicts Pods by QoS class; in fact, the kubelet ranks Pods by usage above requests.',
  },
  {
    name: 'a one-letter article is lower-cased too',
    statement: 'A Pod that fails its readiness check keeps its endpoint.',
    belief: 'a failing readiness probe removes the Pod’s IP',
    lang: 'en',
    want: 'A common belief is that a failing readiness probe removes the Pod’s IP; in fact, a Pod that fails its readiness check keeps its endpoint.',
  },
  {
    name: 'names keep their capitals: API kinds, acronyms, code and Kubernetes',
    statement: 'NodePort Services get a cluster IP.',
    belief: 'a NodePort Service creates a ClusterIP Service',
    lang: 'en',
    want: 'A common belief is that a NodePort Service creates a ClusterIP Service; in fact, NodePort Services get a cluster IP.',
  },
  {
    name: 'acronyms and proper names stay as written',
    statement: 'Kubernetes allocates it; DNS only publishes it.',
    belief: 'DNS allocates the address',
    lang: 'en',
    want: 'A common belief is that DNS allocates the address; in fact, Kubernetes allocates it; DNS only publishes it.',
  },
  {
    name: 'a final period of the belief is dropped so that the sentence goes on',
    statement: '`generic` is a kubectl subcommand.',
    belief: '`generic` is a Secret type.',
    lang: 'en',
    want: 'A common belief is that `generic` is a Secret type; in fact, `generic` is a kubectl subcommand.',
  },
  {
    name: 'in Korean the belief is quoted and the statement follows 실제로는',
    statement: '노드 포트를 위해 같은 서비스에 클러스터 IP를 설정한다.',
    belief: 'NodePort 서비스는 ClusterIP 서비스를 따로 만든다.',
    lang: 'ko',
    want: '흔히 “NodePort 서비스는 ClusterIP 서비스를 따로 만든다”라고 알려져 있지만, 실제로는 노드 포트를 위해 같은 서비스에 클러스터 IP를 설정한다.',
  },
];

for (const c of cases)
  test(c.name, () => {
    expect(correctionText(c.statement, c.belief, c.lang)).toBe(c.want);
  });
