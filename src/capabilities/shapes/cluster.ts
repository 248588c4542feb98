// Output shapes of the cluster dry-run's capabilities, named for GraphQL.
import { z } from 'zod';
import { named } from '../capability';
import { explanation } from './explanation';
import { kubeObjects, str, warnings } from './fields';

const rejection = named(
  z.object({
    object: str(
      '`Kind/namespace/name` of the object refused (`Kind/name` when cluster-scoped), or `objects[i]` for a value that is not an object.',
    ),
    message: str('The API server’s message, as `kubectl apply` prints it.'),
  }),
  { name: 'ClusterRejection', description: 'An object the API server refused; the others went on.' },
);

const event = named(
  z.object({
    object: str('`Kind/namespace/name` of the object the event is about.'),
    type: z.enum(['Normal', 'Warning']).describe('Normal or Warning.'),
    reason: str('The reason, as `kubectl get events` shows it (Scheduled, FailedScheduling, SuccessfulCreate, …).'),
    message: str('The message.'),
  }),
  { name: 'ClusterEvent', description: 'An event the control plane would record.' },
);

export const clusterApplyResult = named(
  z.object({
    objects: kubeObjects(
      'Every object after settling, as `kubectl get -o json` would show it: given ones defaulted and allocated, created ones added (ReplicaSets, Pods, claims, the Services’ EndpointSlices), the cluster’s own last.',
    ),
    rejected: z.array(rejection).describe('Objects the API server refused, with its messages.'),
    events: z.array(event).describe('Events of the controllers, the scheduler and the kubelet.'),
    warnings: warnings.describe(
      'What the answer did not use, and what a cluster would refuse or leave undone: objects in a missing namespace, Pods left Pending, workloads with fewer replicas created or ready than asked.',
    ),
    explanation: explanation.describe('What each stage did, and what is illustrative.'),
  }),
  {
    name: 'ClusterApplyResult',
    description: 'What a cluster holds a few seconds after `kubectl apply -f` of the objects.',
  },
);

const envVar = named(
  z.object({
    name: str('The variable’s name.'),
    value: str('Its value, as the process sees it.'),
    source: str(
      'Where it comes from: env, envFrom configmap cfg, secret creds key PASSWORD, fieldRef …, service link web.',
    ),
  }),
  { name: 'EnvVar', description: 'One environment variable of a container’s process.' },
);

const containerEnv = named(
  z.object({
    name: str('The container’s name.'),
    env: z.array(envVar).describe('Its environment, in the order it was set.'),
  }),
  { name: 'ContainerEnvironment', description: 'What one container’s process sees in its environment.' },
);

export const podEnvironmentResult = named(
  z.object({
    containers: z.array(containerEnv).describe('Each container of the Pod.'),
    warnings,
    explanation: explanation.describe('How the kubelet built the environment.'),
  }),
  { name: 'PodEnvironment', description: 'The environment of a Pod’s containers, as the kubelet builds it.' },
);
