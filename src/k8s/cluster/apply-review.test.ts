// What a new user's review of POST /v1/cluster/apply found wrong, one case each, checked against the
// Kubernetes source each case names.
import { deepFreeze } from '../testing/builders';
import { clusterApply, type ApplyResult } from './apply';
import { daemonSet, deployment, find, job, service, statefulSet } from './testkit';

type Obj = Record<string, unknown>;

const pod = (name: string, spec: Obj, status?: Obj): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  ...(status ? { status } : {}),
});

// PodGC's gcOrphaned (pkg/controller/podgc/gc_controller.go): after its 40 s quarantine a Pod bound to a
// Node that still does not exist is patched Failed, condition DisruptionTarget reason DeletionByPodGC,
// message "PodGC: node no longer exists", and deleted.
const orphanWarning =
  'Pod/default/p: is bound to Node node-9, which does not exist: the scheduler leaves a bound Pod alone and no kubelet runs it, so it stays Pending with no IP and no events; PodGC (gcOrphaned) finds the Node still missing after its 40 s quarantine, marks the Pod Failed (DisruptionTarget: DeletionByPodGC, "PodGC: node no longer exists") and deletes it';

const events = (r: ApplyResult) => r.events.map((e) => `${e.object} ${e.reason}`);
const order = (r: ApplyResult) =>
  r.objects
    .filter((o) => !['Namespace', 'Node', 'EndpointSlice'].includes(String(o.kind)))
    .map((o) => `${String(o.kind)}/${String((o.metadata as Obj).name)}`)
    .filter((ref) => !['Service/kubernetes', 'Service/kube-dns'].includes(ref));

// The hash a StatefulSet's Pods carry in controller-revision-hash (`db-<hash>`).
const revisionHash = (r: ApplyResult) =>
  String(((find(r.objects, 'Pod', 'db-0')!.metadata as Obj).labels as Obj)['controller-revision-hash']).slice(
    'db-'.length,
  );

interface Case {
  name: string;
  objects: unknown[];
  check: (r: ApplyResult) => void;
}

const cases: Case[] = [
  {
    // The scheduler skips a Pod with spec.nodeName (it is bound); only that Node's kubelet would run it.
    name: 'a Pod bound to a Node that does not exist stays Pending with no kubelet events, one warning says PodGC deletes it',
    objects: [pod('p', { nodeName: 'node-9' })],
    check: (r) => {
      expect(r.warnings).toEqual([orphanWarning]);
      expect(r.events).toEqual([]);
      const p = find(r.objects, 'Pod', 'p')!;
      expect(p.spec).toMatchObject({ nodeName: 'node-9' });
      // Only what the API server set on create: no PodScheduled condition, no IP, no hostIP.
      expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
      expect(r.explanation.steps.filter((s) => s.rule === 'pod-orphaned').map((s) => s.object)).toEqual([
        'Pod/default/p',
      ]);
    },
  },
  {
    // kubectl apply of a pasted Pod: the API server's PrepareForCreate drops the status it carries.
    name: 'a pasted snapshot Pod Running on a Node that does not exist reads the same',
    objects: [pod('p', { nodeName: 'node-9' }, { phase: 'Running', podIP: '10.244.9.2' })],
    check: (r) => {
      expect(r.warnings).toEqual([orphanWarning]);
      expect(r.events).toEqual([]);
    },
  },
  {
    // processReplica (stateful_set_control.go) returns while a replica is not Running and Ready, so
    // db-1 is created only after db-0 is scheduled and started.
    name: 'an OrderedReady StatefulSet’s events go Pod by Pod: create, Scheduled, Started, then the next create',
    objects: [service('db', { clusterIP: 'None', selector: { app: 'db' } }), statefulSet('db', 3, 'db')],
    check: (r) =>
      expect(events(r)).toEqual(
        [0, 1, 2].flatMap((i) => [
          'StatefulSet/default/db SuccessfulCreate',
          `Pod/default/db-${i} Scheduled`,
          `Pod/default/db-${i} Started`,
        ]),
      ),
  },
  {
    // Parallel: runForAll creates the whole batch before waiting on any Pod; so does a ReplicaSet.
    name: 'a Parallel StatefulSet and a Deployment create every Pod first, as they really do',
    objects: [
      {
        ...statefulSet('db', 2, 'db'),
        spec: { ...(statefulSet('db', 2, 'db').spec as Obj), podManagementPolicy: 'Parallel' },
      },
    ],
    check: (r) =>
      expect(events(r)).toEqual([
        'StatefulSet/default/db SuccessfulCreate',
        'StatefulSet/default/db SuccessfulCreate',
        'Pod/default/db-0 Scheduled',
        'Pod/default/db-1 Scheduled',
        'Pod/default/db-0 Started',
        'Pod/default/db-1 Started',
      ]),
  },
  {
    name: 'objects come back in the order given, each followed by what its controller made',
    objects: [deployment('web', 2), service('web', { selector: { app: 'web' } })],
    check: (r) => {
      const got = order(r);
      expect(got[0]).toBe('Deployment/web');
      expect(got[1]).toMatch(/^ReplicaSet\/web-/);
      expect(got.slice(2, 4).every((ref) => ref.startsWith(`Pod/${got[1].slice('ReplicaSet/'.length)}-`))).toBe(true);
      expect(got.slice(4)).toEqual(['Service/web']);
    },
  },
  {
    name: 'a StatefulSet’s claims follow the Pod that mounts them',
    objects: [
      {
        ...statefulSet('db', 2, 'db'),
        spec: {
          ...(statefulSet('db', 2, 'db').spec as Obj),
          podManagementPolicy: 'Parallel',
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      },
    ],
    check: (r) =>
      expect([r.rejected, order(r)]).toEqual([
        [],
        [
          'StatefulSet/db',
          'Pod/db-0',
          'PersistentVolumeClaim/data-db-0',
          'Pod/db-1',
          'PersistentVolumeClaim/data-db-1',
          `ControllerRevision/db-${revisionHash(r)}`,
        ],
      ]),
  },
  {
    // kubectl apply sends each object in turn and prints each refusal as it comes.
    name: 'rejected follows the input order, whichever stage refused',
    objects: [
      {
        ...deployment('web', 1),
        spec: { ...(deployment('web', 1).spec as Obj), selector: { matchLabels: { x: 'y' } } },
      },
      service('api', { ports: [{ port: 70000 }] }),
    ],
    check: (r) => expect(r.rejected.map((x) => x.object)).toEqual(['Deployment/default/web', 'Service/default/api']),
  },
  {
    // getEndpointPorts (pkg/controller/util/endpointslice) skips a port FindPort cannot resolve on the Pod.
    name: 'a named targetPort no selected Pod declares is warned about, as an unready probe port is',
    objects: [
      deployment('web', 1),
      service('web', { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'www' }] }),
    ],
    check: (r) => {
      expect(r.warnings).toEqual([
        'Service/default/web: port "web" 80\'s targetPort "www" names no TCP container port of any of the 1 Pod(s) it selects, so their endpoints carry no port for it (an EndpointSlice with ports: [] when it is the only one); name a containerPort "www" or give targetPort as a number',
      ]);
      const slice = r.objects.find((o) => o.kind === 'EndpointSlice' && (o.metadata as Obj).name !== 'kubernetes');
      expect(slice).toMatchObject({ ports: [] });
    },
  },
  {
    name: 'a named targetPort the Pods declare is not warned about',
    objects: [
      deployment('web', 1),
      service('web', { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] }),
    ],
    check: (r) => expect(r.warnings).toEqual([]),
  },
  {
    // ValidateDeploymentSpec (pkg/apis/apps/validation): Required for a nil selector, then
    // ValidatePodTemplateSpecForReplicaSet with labels.Nothing(), which matches no template labels.
    name: 'a Deployment with no selector is refused with both the API server’s errors',
    objects: [{ ...deployment('web', 1), spec: { template: (deployment('web', 1).spec as Obj).template } }],
    check: (r) =>
      expect(r.rejected).toEqual([
        {
          object: 'Deployment/default/web',
          message:
            'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
        },
      ]),
  },
  {
    // ValidateDaemonSetSpec has no Required check: only the template check against labels.Nothing() fails.
    name: 'a DaemonSet with no selector is refused with the template check alone',
    objects: [{ ...daemonSet('agent'), spec: { template: (daemonSet('agent').spec as Obj).template } }],
    check: (r) =>
      expect(r.rejected.map((x) => x.message)).toEqual([
        'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
      ]),
  },
  {
    // A wrong JSON type is refused by the decoder before validation: transformDecodeError
    // (k8s.io/apiserver/pkg/endpoints/handlers/rest.go) around encoding/json's UnmarshalTypeError, which
    // names a number that does not fit the field with its value. The other objects go on.
    name: 'replicas of the wrong JSON type is the decoder’s refusal, not 1 replica',
    objects: [
      { ...deployment('a', 1), spec: { ...(deployment('a', 1).spec as Obj), replicas: '3' } },
      { ...deployment('b', 1), spec: { ...(deployment('b', 1).spec as Obj), replicas: { a: 1 } } },
      { ...deployment('c', 1), spec: { ...(deployment('c', 1).spec as Obj), replicas: 1.5 } },
      { ...deployment('d', 1), spec: { ...(deployment('d', 1).spec as Obj), replicas: 2 ** 31 } },
      deployment('e', 1),
    ],
    check: (r) => {
      const cannot = (what: string) =>
        `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal ${what} into Go struct field DeploymentSpec.spec.replicas of type int32`;
      expect(r.rejected.map((x) => x.message)).toEqual([
        cannot('string'),
        cannot('object'),
        cannot('number 1.5'),
        cannot('number 2147483648'),
      ]);
      expect(find(r.objects, 'Deployment', 'e')).toBeDefined();
    },
  },
  {
    // ValidateObjectMeta (apimachinery pkg/api/validation/objectmeta.go).
    name: 'a Pod with no name is told name or generateName is required',
    objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'c', image: 'nginx' }] } }],
    check: (r) =>
      expect(r.rejected.map((x) => x.message)).toEqual([
        'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
      ]),
  },
  {
    // generateSelector (pkg/registry/batch/job/strategy.go) and SetDefaults_Job (pkg/apis/batch/v1/defaults.go).
    name: 'a Job shows the selector and template labels the API server adds, with the uid its Pods carry',
    objects: [job('pi', {})],
    check: (r) => {
      const j = find(r.objects, 'Job', 'pi')! as { metadata: Obj; spec: Obj };
      const uid = String(j.metadata.uid);
      expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      const labels = {
        app: 'pi',
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': 'pi',
        'controller-uid': uid,
        'job-name': 'pi',
      };
      expect(j.spec).toMatchObject({
        manualSelector: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        template: { metadata: { labels } },
      });
      const pods = r.objects.filter((o) => o.kind === 'Pod') as { metadata: Obj }[];
      expect(pods.map((p) => p.metadata.labels)).toEqual([labels]);
      expect(pods.map((p) => (p.metadata.ownerReferences as Obj[])[0].uid)).toEqual([uid]);
    },
  },
  {
    name: 'a Job with a podFailurePolicy defaults podReplacementPolicy to Failed; a manual selector is left alone',
    objects: [
      job('a', {
        podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
      }),
      job('b', { manualSelector: true, selector: { matchLabels: { app: 'b' } } }),
    ],
    check: (r) => {
      expect(find(r.objects, 'Job', 'a')!.spec).toMatchObject({ podReplacementPolicy: 'Failed' });
      const b = find(r.objects, 'Job', 'b')! as { metadata: Obj; spec: Obj };
      expect(b.metadata.uid).toBeUndefined();
      expect(b.spec.selector).toEqual({ matchLabels: { app: 'b' } });
    },
  },
  {
    // history.NewControllerRevision: <set>-<hash>, the template's labels with controller-revision-hash,
    // revision 1, owned by the set; a StatefulSet's Pods carry its name, a DaemonSet's its hash.
    name: 'a StatefulSet and a DaemonSet record a ControllerRevision of their template, named as their Pods’ hash says',
    objects: [statefulSet('db', 1, 'db'), daemonSet('agent')],
    check: (r) => {
      const hash = revisionHash(r);
      expect(find(r.objects, 'ControllerRevision', `db-${hash}`)).toMatchObject({
        apiVersion: 'apps/v1',
        metadata: {
          namespace: 'default',
          labels: { app: 'db', 'controller-revision-hash': hash },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }],
        },
        revision: 1,
      });
      const daemon = r.objects.find((o) => o.kind === 'Pod' && (o.metadata as Obj).generateName === 'agent-')!;
      const daemonHash = ((daemon.metadata as Obj).labels as Obj)['controller-revision-hash'];
      expect(find(r.objects, 'ControllerRevision', `agent-${String(daemonHash)}`)).toMatchObject({
        metadata: { namespace: 'kube-system', ownerReferences: [{ kind: 'DaemonSet', name: 'agent' }] },
        revision: 1,
      });
    },
  },
  {
    // getPatch (pkg/controller/statefulset/stateful_set_utils.go; the DaemonSet controller's in
    // pkg/controller/daemon/update.go) encodes the set the controller reads, defaulted by the API server
    // (SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe in pkg/apis/core/v1/defaults.go), into a
    // map[string]interface{} and json.Marshal writes it back with its keys sorted; v1.35 omits the template's unset
    // creationTimestamp, which older releases wrote as null (kubernetes/kubernetes#130989, merged in 2025).
    name: 'a ControllerRevision holds the defaulted template, keys sorted as getPatch writes it (was: the template as given)',
    objects: [
      statefulSet('db', 1, 'db'),
      {
        ...daemonSet('agent'),
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: { containers: [{ name: 'app', image: 'agent:1.0', readinessProbe: { httpGet: { port: 80 } } }] },
          },
        },
      },
    ],
    check: (r) => {
      const data = (name: string) =>
        JSON.stringify(
          (
            r.objects.find(
              (o) => o.kind === 'ControllerRevision' && String((o.metadata as Obj).name).startsWith(name),
            ) as Obj
          ).data,
        );
      const container = {
        image: 'nginx',
        imagePullPolicy: 'Always',
        name: 'app',
        ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      };
      const podSpec = {
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
      };
      // The patch getPatch writes, keys sorted: `$patch` first, then metadata, then spec.
      const patch = (app: string, container: Obj) =>
        JSON.stringify({
          spec: {
            template: {
              $patch: 'replace',
              metadata: { labels: { app } },
              spec: { containers: [container], ...podSpec },
            },
          },
        });
      expect(data('db-')).toBe(patch('db', container));
      const probe = {
        failureThreshold: 3,
        httpGet: { path: '/', port: 80, scheme: 'HTTP' },
        periodSeconds: 10,
        successThreshold: 1,
        timeoutSeconds: 1,
      };
      expect(data('agent-')).toBe(
        patch('agent', {
          image: 'agent:1.0',
          imagePullPolicy: 'IfNotPresent',
          name: 'app',
          readinessProbe: probe,
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        }),
      );
    },
  },
];

for (const c of cases) test(c.name, () => c.check(clusterApply(deepFreeze(c.objects))));

// A /24 pod network splits into one /24 (node IPAM): the first Node gets it, the others none, so a Pod
// bound to node-2 is scheduled but its sandbox gets no IP, and stays Pending (hostile review: it was
// said to be "not scheduled").
test('a Pod bound to a Node with no pod CIDR is said to be bound there without an IP, not unscheduled', () => {
  const r = clusterApply(deepFreeze([pod('p', { nodeName: 'node-2' })]), { podCIDR: '10.0.0.0/24' });
  expect(r.warnings).toContain('Pod/default/p: no IP: Node node-2 has no pod CIDR with a free address');
  expect(r.warnings).toContain('Pod/default/p: Pending: bound to Node node-2, where its sandbox gets no IP');
  expect(r.warnings.join('\n')).not.toContain('not scheduled');
});
