// What the volume plugins share: finding a Pod's claims (with the API's NotFound wording) and a claim's
// storage class as the API server settles it.
import type { PersistentVolumeClaim, StorageClass } from '../../../objects';
import type { Snapshot } from '../../framework/types';

/** The NotFound error a lister returns, as kube-scheduler passes it on: `persistentvolumeclaim "data" not found`. */
export const notFound = (resource: string, name: string): string => `${resource} "${name}" not found`;

// The DefaultStorageClass admission plugin gives a claim created without storageClassName the class
// annotated as default; with several, the newest (kubeknow, reading no creation times: the first by name).
function defaultClass(classes: ReadonlyMap<string, StorageClass>): string {
  const names = [...classes.values()]
    .filter((c) => c.metadata.annotations['storageclass.kubernetes.io/is-default-class'] === 'true')
    .map((c) => c.metadata.name)
    .sort();
  return names[0] ?? '';
}

/** The claim's class name: its own, or the default class when it names none; "" for no class. */
export function claimClass(claim: PersistentVolumeClaim, snapshot: Snapshot): string {
  return claim.spec.storageClassName ?? defaultClass(snapshot.classes);
}

/** The PVC names a Pod mounts through persistentVolumeClaim volumes, in volume order. */
export function claimNames(pod: { spec: { volumes: { persistentVolumeClaim?: { claimName: string } }[] } }): string[] {
  return pod.spec.volumes.flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}
