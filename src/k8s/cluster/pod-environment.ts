// POST /v1/pods/environment's kernel: settle the objects as `kubectl apply -f` would, then build the
// named Pod's container environment (which may be a Pod the cluster created, e.g. `default/web-0`).
import { fail, KubeknowError } from '../../errors';
import { didYouMeanText } from '../../util/suggest';
import type { Explanation } from '../explanation';
import type { Cluster, Pod } from '../objects';
import { readEach } from './apply';
import { clusterConfig, type ClusterOptions } from './config';
import { podEnvironment, type ContainerEnv } from './environment';
import { settle } from './settle';

export interface PodEnvironmentResult {
  containers: ContainerEnv[];
  warnings: string[];
  explanation: Explanation;
}

/** The environment of the Pod `namespace/name` (or `name` in `default`) of the settled cluster. */
export function podEnvironmentFor(values: unknown[], pod: string, options: ClusterOptions = {}): PodEnvironmentResult {
  const read = readEach(values);
  const s = settle(read.cluster, clusterConfig(options), { mode: 'apply', invalidServices: read.invalidServices });
  const [namespace, name] = pod.includes('/') ? pod.split('/', 2) : ['default', pod];
  const found = s.cluster.pods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
  const rejected = [...read.rejected, ...s.log.rejected];
  if (!found) {
    const known = s.cluster.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    // The Pod (or the workload that would make it) may have been refused: say so, not only "not there".
    const own = rejected.find((r) => r.object === `Pod/${namespace}/${name}`);
    const why = own
      ? `: it was refused: ${own.message}`
      : rejected.length
        ? `; ${rejected.length} object(s) were refused, e.g. ${rejected[0].object}: ${rejected[0].message}`
        : '';
    fail(
      'NOT_FOUND',
      `no Pod ${namespace}/${name} after settling${why} (the Pods are: ${known.slice(0, 20).join(', ') || 'none'})${didYouMeanText(`${namespace}/${name}`, known)}`,
      'pod',
    );
  }
  const env = environmentOf(found, s.cluster, read.position.get(`Pod/${namespace}/${name}`));
  return {
    containers: env.containers,
    warnings: [...rejected.map((r) => `${r.object}: not used: ${r.message}`), ...env.warnings],
    explanation: {
      summary: {
        en: `The environment of Pod ${namespace}/${name}'s ${env.containers.length} container(s), as the kubelet builds it: envFrom, then env, then service links.`,
        ko: `Pod ${namespace}/${name}의 컨테이너 ${env.containers.length}개 환경 변수. kubelet처럼 envFrom, env, 서비스 링크 순으로 만든다.`,
      },
      steps: env.notes.map((text) => ({
        rule: 'service-links',
        source: 'pkg/kubelet/kubelet_pods.go makeEnvironmentVariables',
        text,
      })),
    },
  };
}

// The environment, whose failures (an expansion over its bound) are placed at the Pod's path among the
// objects sent; a Pod a controller made has none, and the failure is the `pod` asked for.
function environmentOf(pod: Pod, cluster: Cluster, position: number | undefined) {
  try {
    return podEnvironment(pod, cluster);
  } catch (e) {
    if (!(e instanceof KubeknowError)) throw e;
    const at = (path: string) => (position === undefined ? 'pod' : `objects[${position}].${path}`);
    throw new KubeknowError(e.problems.map((p) => ({ ...p, path: at(p.path) })));
  }
}
