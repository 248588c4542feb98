// VolumeRestrictions (pkg/scheduler/framework/plugins/volumerestrictions): an in-tree disk already attached
// on the node read-write conflicts with the Pod's (EBS always), and a ReadWriteOncePod claim in use by
// another Pod anywhere makes every node unsuitable until that Pod goes, which preemption may arrange.
import type { Pod, Volume } from '../../../objects';
import { reject, SKIP } from '../../framework/status';
import type { FilterState, NodeInfo, Plugin, PodInfo, Status } from '../../framework/types';
import { notFound } from './claims';

const overlap = (a: string[], b: string[]) => a.some((m) => b.includes(m));

// isVolumeConflict: the same disk on the same node, unless both mount it read-only (never for EBS).
function conflicts(v: Volume, existing: Pod): boolean {
  return existing.spec.volumes.some((e) => {
    if (v.gcePersistentDisk && e.gcePersistentDisk)
      return (
        v.gcePersistentDisk.pdName === e.gcePersistentDisk.pdName &&
        !(v.gcePersistentDisk.readOnly && e.gcePersistentDisk.readOnly)
      );
    if (v.awsElasticBlockStore && e.awsElasticBlockStore)
      return v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID;
    if (v.iscsi && e.iscsi) return v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly && e.iscsi.readOnly);
    if (v.rbd && e.rbd)
      return (
        overlap(v.rbd.monitors, e.rbd.monitors) &&
        v.rbd.pool === e.rbd.pool &&
        v.rbd.image === e.rbd.image &&
        !(v.rbd.readOnly && e.rbd.readOnly)
      );
    return false;
  });
}

const disks = (pod: Pod) =>
  pod.spec.volumes.filter((v) => v.gcePersistentDisk || v.awsElasticBlockStore || v.iscsi || v.rbd);

class RestrictionsState implements FilterState {
  constructor(
    private readonly pod: PodInfo,
    private readonly rwop: ReadonlySet<string>,
    private inUse: number,
  ) {}

  filter(node: NodeInfo): Status | null {
    const mine = disks(this.pod.pod);
    const clash = mine.find((v) => node.boundPods.some((p) => conflicts(v, p)));
    if (clash)
      return reject(
        'Unschedulable',
        'node(s) had no available disk',
        `Volume ${clash.name}: the same disk is attached on ${node.name} by another Pod, and not read-only on both sides.`,
        `볼륨 ${clash.name}: 같은 디스크를 ${node.name}의 다른 파드가 이미 붙여 쓰고 있고, 양쪽 모두 읽기 전용은 아니다.`,
      );
    if (this.inUse > 0)
      return reject(
        'Unschedulable',
        'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode',
        `Claim(s) ${[...this.rwop].join(', ')} are ReadWriteOncePod and another Pod already uses them; only preempting it frees them.`,
        `클레임 ${[...this.rwop].join(', ')}은(는) ReadWriteOncePod인데 이미 다른 파드가 쓰고 있다. 그 파드를 선점(preemption)해야만 풀린다.`,
      );
    return null;
  }

  clone(): RestrictionsState {
    return new RestrictionsState(this.pod, this.rwop, this.inUse);
  }

  addPod(p: PodInfo): void {
    this.inUse += p.claims.filter((c) => this.rwop.has(c)).length;
  }

  removePod(p: PodInfo): void {
    this.inUse -= p.claims.filter((c) => this.rwop.has(c)).length;
  }
}

export const volumeRestrictions: Plugin = {
  name: 'VolumeRestrictions',
  preFilter: ({ pod, snapshot }) => {
    const rwop = new Set<string>();
    for (const v of pod.pod.spec.volumes) {
      if (!v.persistentVolumeClaim) continue;
      const key = `${pod.namespace}/${v.persistentVolumeClaim.claimName}`;
      const claim = snapshot.claims.get(key);
      if (!claim) {
        const reason = notFound('persistentvolumeclaim', v.persistentVolumeClaim.claimName);
        return {
          kind: 'reject',
          status: reject(
            'UnschedulableAndUnresolvable',
            reason,
            `Volume ${v.name} mounts the claim ${key}, which does not exist.`,
            `볼륨 ${v.name}이(가) 참조하는 클레임 ${key}이(가) 없다.`,
          ),
        };
      }
      if (claim.spec.accessModes.includes('ReadWriteOncePod')) rwop.add(key);
    }
    const inUse = [...rwop].reduce((n, c) => n + (snapshot.claimUsers.get(c) ?? 0), 0);
    if (!disks(pod.pod).length && inUse === 0) return SKIP;
    return { kind: 'run', state: new RestrictionsState(pod, rwop, inUse) };
  },
};
