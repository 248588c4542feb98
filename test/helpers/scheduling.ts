// docs/scheduling.md's question, shared by the tests that ask it: three Nodes in three zones, and a Pod that
// requires zone a or b and prefers ssd disks (its cpu request given, and more of its spec if asked).
export const THREE_ZONES = `apiVersion: v1
kind: Node
metadata: { name: node-a, labels: { topology.kubernetes.io/zone: zone-a, disktype: ssd } }
status: { allocatable: { cpu: "4", memory: 16Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: node-b, labels: { topology.kubernetes.io/zone: zone-b, disktype: hdd } }
status: { allocatable: { cpu: "4", memory: 16Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: node-c, labels: { topology.kubernetes.io/zone: zone-c, disktype: ssd } }
status: { allocatable: { cpu: "4", memory: 16Gi, pods: "110" } }
`;
export const schedulingPod = (cpu: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:${extra}
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions: [{ key: topology.kubernetes.io/zone, operator: In, values: [zone-a, zone-b] }]
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 50
          preference: { matchExpressions: [{ key: disktype, operator: In, values: [ssd] }] }
  containers:
    - name: web
      image: nginx:1.27
      resources: { requests: { cpu: ${cpu}, memory: 256Mi } }
`;

/** The question: the Nodes, then the Pod requesting 500m cpu. */
export const SCHEDULING_QUESTION = `${THREE_ZONES}---\n${schedulingPod('500m')}`;
