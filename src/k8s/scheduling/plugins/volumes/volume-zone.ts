// VolumeZone (pkg/scheduler/framework/plugins/volumezone): a bound volume labelled with zones or regions
// (topology.kubernetes.io/zone, …/region, and their failure-domain.beta.kubernetes.io forms) admits only
// nodes in one of them. A node with no such label at all is taken as a single-zone cluster's and passes.
import { reject, SKIP } from '../../framework/status';
import type { Plugin, PreFilterResult } from '../../framework/types';
import { claimClass, claimNames, notFound } from './claims';

const TOPOLOGY_LABELS = [
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
];

const toGA = (key: string): string => key.replace('failure-domain.beta.kubernetes.io/', 'topology.kubernetes.io/');

interface PVTopology {
  pv: string;
  key: string;
  values: Set<string>;
}

const refuse = (reason: string, en: string, ko: string): PreFilterResult => ({
  kind: 'reject',
  status: reject('UnschedulableAndUnresolvable', reason, en, ko),
});

export const volumeZone: Plugin = {
  name: 'VolumeZone',
  preFilter: ({ pod, snapshot }) => {
    const topologies: PVTopology[] = [];
    for (const name of claimNames(pod.pod)) {
      const claim = snapshot.claims.get(`${pod.namespace}/${name}`);
      if (!claim)
        return refuse(
          notFound('persistentvolumeclaim', name),
          `The claim ${name} does not exist.`,
          `클레임 ${name}이(가) 없다.`,
        );
      if (!claim.spec.volumeName) {
        const cls = claimClass(claim, snapshot);
        if (!cls)
          return refuse(
            'PersistentVolumeClaim had no pv name and storageClass name',
            `The claim ${name} has neither a volume nor a class.`,
            `클레임 ${name}에 볼륨도 클래스도 없다.`,
          );
        const sc = snapshot.classes.get(cls);
        if (!sc)
          return refuse(
            notFound('storageclass.storage.k8s.io', cls),
            `The storage class ${cls} does not exist.`,
            `스토리지 클래스 ${cls}이(가) 없다.`,
          );
        if (sc.volumeBindingMode === 'WaitForFirstConsumer') continue; // VolumeBinding picks its zone
        return refuse(
          'PersistentVolume had no name',
          `The claim ${name} is not bound yet.`,
          `클레임 ${name}이(가) 아직 바인딩되지 않았다.`,
        );
      }
      const pv = snapshot.volumes.get(claim.spec.volumeName);
      if (!pv)
        return refuse(
          notFound('persistentvolume', claim.spec.volumeName),
          `The volume ${claim.spec.volumeName} of claim ${name} does not exist.`,
          `클레임 ${name}의 볼륨 ${claim.spec.volumeName}이(가) 없다.`,
        );
      for (const key of TOPOLOGY_LABELS) {
        const value = pv.metadata.labels[key];
        // volumehelpers.LabelZonesToSet: several zones are joined with "__".
        if (value !== undefined)
          topologies.push({ pv: pv.metadata.name, key, values: new Set(value.split('__').filter(Boolean)) });
      }
    }
    if (!topologies.length) return SKIP;
    return {
      kind: 'run',
      state: {
        filter: (node) => {
          const labels = node.labels;
          if (!TOPOLOGY_LABELS.some((k) => k in labels)) return null;
          for (const t of topologies) {
            const v = labels[t.key] ?? labels[toGA(t.key)];
            if (v === undefined || !t.values.has(v))
              return reject(
                'UnschedulableAndUnresolvable',
                'node(s) had no available volume zone',
                `${node.name}: the volume ${t.pv} is in ${t.key}=${[...t.values].join(' or ')}, the node is ${v === undefined ? 'not labelled with it' : `in ${v}`}.`,
                `${node.name}: 볼륨 ${t.pv}은(는) ${t.key}=${[...t.values].join(' 또는 ')}에 있는데, 노드는 ${v === undefined ? '그 레이블이 없다' : `${v}에 있다`}.`,
              );
          }
          return null;
        },
      },
    };
  },
};
