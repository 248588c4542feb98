// The cluster options of the dry-run (POST /v1/cluster/apply's `cluster`): kubeadm's defaults, each
// checked with the kernel's own rules.
import { z } from 'zod';
import { CLUSTER_DEFAULTS, clusterOptionProblem, type ClusterOptions } from '../k8s/cluster';
import { clusterDomainProblem } from '../k8s/dns';
import { named } from './capability';
import type { ProblemParams } from './problems';

const rule = (field: keyof ClusterOptions) => (value: string, ctx: z.RefinementCtx) => {
  const message = field === 'clusterDomain' ? clusterDomainProblem(value) : clusterOptionProblem(field, value);
  if (message) ctx.addIssue({ code: 'custom', message, params: { code: 'FIELD_INVALID' } satisfies ProblemParams });
};

export const clusterOptions = named(
  z.strictObject({
    serviceCIDR: z
      .string()
      .max(43)
      .superRefine(rule('serviceCIDR'))
      .optional()
      .describe(`The API server's --service-cluster-ip-range. Default ${CLUSTER_DEFAULTS.serviceCIDR} (kubeadm).`),
    podCIDR: z
      .string()
      .max(43)
      .superRefine(rule('podCIDR'))
      .optional()
      .describe(`The cluster's pod network, a /24 per Node. Default ${CLUSTER_DEFAULTS.podCIDR}.`),
    nodePortRange: z
      .string()
      .max(11)
      .superRefine(rule('nodePortRange'))
      .optional()
      .describe(`--service-node-port-range. Default ${CLUSTER_DEFAULTS.nodePortRange}.`),
    clusterDomain: z
      .string()
      .max(253)
      .superRefine(rule('clusterDomain'))
      .optional()
      .describe(`The cluster domain. Default ${CLUSTER_DEFAULTS.clusterDomain}.`),
    nodes: z
      .int()
      .min(1)
      .max(CLUSTER_DEFAULTS.maxNodes)
      .optional()
      .describe(
        `How many Ready worker Nodes (node-1, node-2, …) to make when the objects give none. Default ${CLUSTER_DEFAULTS.nodes}.`,
      ),
  }),
  { name: 'ClusterOptionsInput', description: 'The simulated cluster: kubeadm’s defaults unless given.' },
);

/** GraphQL arguments for the cluster options, flat (GraphQL has no input object for them): argument → input path. */
export const CLUSTER_ARGS = {
  serviceCIDR: 'cluster.serviceCIDR',
  podCIDR: 'cluster.podCIDR',
  nodePortRange: 'cluster.nodePortRange',
  clusterDomain: 'cluster.clusterDomain',
  nodes: 'cluster.nodes',
} as const;
