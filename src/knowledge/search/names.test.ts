import type { ConceptText, ConceptView } from '../types';
import { nameIndex, nameKey, slugNamed } from './names';

const text = (title: string, aliases: string[]): ConceptText => ({ title, aliases, summary: '', body: '' });
const concept = (slug: string, en: ConceptText, ko?: ConceptText) =>
  ({ slug, texts: { en, ...(ko ? { ko } : {}) } }) as unknown as ConceptView;

const index = nameIndex([
  concept('service', text('Service', ['svc', 'kind: Service']), text('서비스', ['svc'])),
  concept('statefulset', text('StatefulSet', ['sts', 'stateful set']), text('스테이트풀셋', ['sts'])),
  concept('pod', text('Pod', ['po', 'CrashLoopBackOff']), text('파드', ['포드'])),
  concept('crashloopbackoff', text('CrashLoopBackOff', ['Back-off restarting failed container'])),
  concept('deployment', text('Deployment', ['rollout'])),
  concept('replicaset', text('ReplicaSet', ['rollout'])),
  concept('persistent-volume', text('PersistentVolume, PVC and StorageClass', ['pvc'])),
  concept(
    'persistent-volume-claim',
    text('PersistentVolumeClaim', ['pvc']),
    text('퍼시스턴트볼륨클레임(PVC)', ['pvc']),
  ),
]);

const cases: [string, string | undefined][] = [
  ['svc', 'service'],
  ['SVC', 'service'],
  ['sts', 'statefulset'],
  ['Stateful Set', 'statefulset'],
  ['stateful-set', 'statefulset'],
  ['파드', 'pod'],
  ['스테이트풀셋', 'statefulset'],
  ['kind: Service', 'service'],
  // A title beats an alias another concept has: CrashLoopBackOff is a symptom of its own.
  ['crash-loop-back-off', 'crashloopbackoff'],
  // A title's aside and the title without it are titles too: the concept that is the PVC wins over
  // the one that only mentions it.
  ['pvc', 'persistent-volume-claim'],
  ['퍼시스턴트볼륨클레임', 'persistent-volume-claim'],
  // Two concepts share the alias: neither is picked.
  ['rollout', undefined],
  ['nothing-like-it', undefined],
  ['', undefined],
];
for (const [name, want] of cases)
  test(`"${name}" names ${want ?? 'no concept'}`, () => expect(slugNamed(index, name)).toBe(want));

test('names compare without case, spaces, dashes, underscores or dots, in NFKC', () => {
  expect(nameKey(' Stateful_Set ')).toBe(nameKey('statefulset'));
  expect(nameKey('ｓｔｓ')).toBe('sts');
});
