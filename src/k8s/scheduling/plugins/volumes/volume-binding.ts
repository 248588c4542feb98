// VolumeBinding (pkg/scheduler/framework/plugins/volumebinding), in a simplified but honest form:
// PreFilter finds the Pod's claims and refuses unbound claims of Immediate classes (the PV controller
// binds those before the Pod can schedule); Filter checks, for the node, that each bound claim's volume
// exists and its node affinity admits the node, and that each WaitForFirstConsumer claim can get a volume
// there: an available one (FindMatchingVolume) or one its provisioner may create in the node's topology.
// CSIStorageCapacity is not read, so "did not have enough free storage" is never reported.
import { cmp, parseQuantity } from '../../../quantity';
import type { Node, PersistentVolume, PersistentVolumeClaim } from '../../../objects';
import { termMatches } from '../../framework/selectors';
import { selectorMatches } from '../../framework/selectors';
import { reject, SKIP } from '../../framework/status';
import type { NodeInfo, Plugin, PodInfo, PreFilterResult, Snapshot, Status } from '../../framework/types';
import { claimClass, notFound } from './claims';

const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

interface Claims {
  bound: PersistentVolumeClaim[];
  delayed: PersistentVolumeClaim[];
}

/** storagehelpers.CheckNodeAffinity: a volume without node affinity fits every node. */
export function volumeFitsNode(pv: PersistentVolume, node: Node): boolean {
  const required = pv.spec.nodeAffinity?.required;
  return !required || required.nodeSelectorTerms.some((t) => termMatches(t, node));
}

function refuse(reason: string, en: string, ko: string): PreFilterResult {
  return { kind: 'reject', status: reject('UnschedulableAndUnresolvable', reason, en, ko) };
}

// podHasPVCs and GetPodVolumeClaims: each claim exists, is not lost or being deleted, and is bound,
// waiting for its first consumer, or (an Immediate claim not yet bound) a reason to wait.
function podClaims(pod: PodInfo, snapshot: Snapshot): Claims | PreFilterResult {
  const out: Claims = { bound: [], delayed: [] };
  for (const v of pod.pod.spec.volumes) {
    if (!v.persistentVolumeClaim && !v.ephemeral) continue;
    const name = v.persistentVolumeClaim?.claimName ?? `${pod.name}-${v.name}`;
    const claim = snapshot.claims.get(`${pod.namespace}/${name}`);
    if (!claim && v.ephemeral)
      return refuse(
        `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`,
        `Volume ${v.name} is a generic ephemeral volume; its claim ${name} is created by the ephemeral volume controller, and is not there yet.`,
        `볼륨 ${v.name}은(는) 일반 임시 볼륨이다. 클레임 ${name}은(는) 임시 볼륨 컨트롤러가 만드는데 아직 없다.`,
      );
    if (!claim)
      return refuse(
        notFound('persistentvolumeclaim', name),
        `The claim ${pod.namespace}/${name} does not exist.`,
        `클레임 ${pod.namespace}/${name}이(가) 없다.`,
      );
    if (claim.status.phase === 'Lost')
      return refuse(
        `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec.volumeName}"`,
        `The claim ${name} is Lost: its volume ${claim.spec.volumeName} is gone.`,
        `클레임 ${name}은(는) Lost 상태다. 바인딩된 볼륨 ${claim.spec.volumeName}이(가) 사라졌다.`,
      );
    if (claim.metadata.deletionTimestamp)
      return refuse(
        `persistentvolumeclaim "${name}" is being deleted`,
        `The claim ${name} is being deleted.`,
        `클레임 ${name}이(가) 삭제 중이다.`,
      );
    if (claim.spec.volumeName) out.bound.push(claim);
    else if (snapshot.classes.get(claimClass(claim, snapshot))?.volumeBindingMode === 'WaitForFirstConsumer')
      out.delayed.push(claim);
    else
      return refuse(
        'pod has unbound immediate PersistentVolumeClaims',
        `The claim ${name} is not bound and its class (${claimClass(claim, snapshot) || 'none'}) binds Immediately: the PersistentVolume controller must bind or provision it before the Pod can be scheduled, without knowing where the Pod will run.`,
        `클레임 ${name}이(가) 바인딩되지 않았고 스토리지 클래스(${claimClass(claim, snapshot) || '없음'})가 Immediate 모드다. 파드가 어디서 실행될지 모르는 채로 PV 컨트롤러가 먼저 바인딩·프로비저닝해야 스케줄될 수 있다.`,
      );
  }
  return out;
}

const storageOf = (o: { spec: { capacity?: Record<string, string> } }, key = 'storage') =>
  parseQuantity(o.spec.capacity?.[key] ?? '0');

// FindMatchingVolume: the smallest available volume of the claim's class that admits the node, has the
// claim's access modes and is large enough (a volume pre-bound to the claim wins if it admits the node).
function matchingVolume(
  claim: PersistentVolumeClaim,
  node: Node,
  snapshot: Snapshot,
  taken: Set<string>,
): PersistentVolume | undefined {
  const want = parseQuantity(claim.spec.resources.requests.storage ?? '0');
  const cls = claimClass(claim, snapshot);
  let best: PersistentVolume | undefined;
  for (const pv of snapshot.volumes.values()) {
    if (taken.has(pv.metadata.name)) continue;
    const ref = pv.spec.claimRef;
    const boundHere = ref && ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace;
    if (ref && !boundHere) continue;
    if (cmp(storageOf(pv), want) < 0 || pv.spec.volumeMode !== claim.spec.volumeMode || pv.metadata.deletionTimestamp)
      continue;
    const fits = volumeFitsNode(pv, node);
    if (boundHere) return fits ? pv : undefined;
    if (
      pv.status.phase !== 'Available' ||
      (claim.spec.selector && !selectorMatches(claim.spec.selector, pv.metadata.labels))
    )
      continue;
    if (pv.spec.storageClassName !== cls || !fits) continue;
    if (!claim.spec.accessModes.every((m) => pv.spec.accessModes.includes(m))) continue;
    if (!best || cmp(storageOf(best), storageOf(pv)) > 0) best = pv;
  }
  return best;
}

// checkVolumeProvisions: a class that provisions may create the volume where the node is, if the node
// is within its allowed topologies.
function canProvision(claim: PersistentVolumeClaim, node: Node, snapshot: Snapshot): boolean {
  const cls = snapshot.classes.get(claimClass(claim, snapshot));
  if (!cls || cls.provisioner === NO_PROVISIONER) return false;
  if (!cls.allowedTopologies.length) return true;
  const labels = node.metadata.labels;
  return cls.allowedTopologies.some((t) => t.matchLabelExpressions.every((e) => e.values.includes(labels[e.key])));
}

function findPodVolumes(claims: Claims, node: NodeInfo, snapshot: Snapshot): Status | null {
  const found: string[] = [];
  const en: string[] = [];
  const ko: string[] = [];
  for (const c of claims.bound) {
    const pv = snapshot.volumes.get(c.spec.volumeName);
    if (!pv) {
      found.push('node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)');
      en.push(`the claim ${c.metadata.name} is bound to ${c.spec.volumeName}, which does not exist`);
      ko.push(`클레임 ${c.metadata.name}이(가) 바인딩된 볼륨 ${c.spec.volumeName}이(가) 없다`);
      break;
    }
    if (!volumeFitsNode(pv, node.node)) {
      found.push('node(s) had volume node affinity conflict');
      en.push(
        `the volume ${pv.metadata.name} of claim ${c.metadata.name} is pinned by its node affinity to other nodes`,
      );
      ko.push(`클레임 ${c.metadata.name}의 볼륨 ${pv.metadata.name}은(는) 노드 어피니티로 다른 노드에 묶여 있다`);
      break;
    }
  }
  const taken = new Set<string>();
  for (const c of claims.delayed) {
    const selected = c.metadata.annotations[SELECTED_NODE];
    const pv = selected && selected !== node.name ? undefined : matchingVolume(c, node.node, snapshot, taken);
    if (pv) taken.add(pv.metadata.name);
    else if ((selected && selected !== node.name) || !canProvision(c, node.node, snapshot)) {
      found.push("node(s) didn't find available persistent volumes to bind");
      en.push(
        `no available volume of class ${claimClass(c, snapshot) || '""'} can serve claim ${c.metadata.name} on this node, and its class cannot provision one here`,
      );
      ko.push(
        `이 노드에서 클레임 ${c.metadata.name}에 쓸 수 있는 ${claimClass(c, snapshot) || '""'} 클래스의 사용 가능한 볼륨이 없고, 클래스가 여기에 새로 프로비저닝할 수도 없다`,
      );
      break;
    }
  }
  if (!found.length) return null;
  // FindPodVolumes reports its reasons in this order: node conflict, bind conflict, (space), missing volume.
  const order = [
    'node(s) had volume node affinity conflict',
    "node(s) didn't find available persistent volumes to bind",
    'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
  ];
  return reject(
    'UnschedulableAndUnresolvable',
    order.filter((r) => found.includes(r)),
    `${node.name}: ${en.join('; ')}.`,
    `${node.name}: ${ko.join('; ')}.`,
  );
}

export const volumeBinding: Plugin = {
  name: 'VolumeBinding',
  preFilter: ({ pod, snapshot }) => {
    if (!pod.pod.spec.volumes.some((v) => v.persistentVolumeClaim || v.ephemeral)) return SKIP;
    const claims = podClaims(pod, snapshot);
    if ('kind' in claims) return claims;
    return { kind: 'run', state: { filter: (node) => findPodVolumes(claims, node, snapshot) } };
  },
};
