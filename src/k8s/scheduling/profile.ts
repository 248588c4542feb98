// The default profile of kube-scheduler 1.35 (apis/config/v1/default_plugins.go), in its order: Filter
// plugins run in this order and a node's first rejection is the one reported; Score plugins are summed
// with these weights. Not modelled: SchedulingGates (a gated Pod is reported, not queued), PrioritySort
// (one Pod at a time), NodeVolumeLimits (no CSINode objects), DynamicResources (no ResourceClaims; its
// PostFilter message is kept), DefaultBinder.
import type { Plugin } from './framework/types';
import { balancedAllocationPlugin } from './plugins/balanced-allocation';
import { imageLocality } from './plugins/image-locality';
import { interPodAffinity } from './plugins/inter-pod-affinity';
import { nodeAffinity } from './plugins/node-affinity';
import { nodeName } from './plugins/node-name';
import { nodePorts } from './plugins/node-ports';
import { nodeResourcesFit } from './plugins/node-resources-fit';
import { nodeUnschedulable } from './plugins/node-unschedulable';
import { taintToleration } from './plugins/taint-toleration';
import { podTopologySpread } from './plugins/topology-spread';
import { volumeBinding } from './plugins/volumes/volume-binding';
import { volumeRestrictions } from './plugins/volumes/volume-restrictions';
import { volumeZone } from './plugins/volumes/volume-zone';

/** Filter plugins (with their PreFilter), in the profile's order. */
export const FILTER_PLUGINS: readonly Plugin[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  volumeRestrictions,
  volumeBinding,
  volumeZone,
  podTopologySpread,
  interPodAffinity,
];

/** Score plugins in the profile's order, with their weights. */
export const SCORE_PLUGINS: readonly { plugin: Plugin; weight: number }[] = [
  { plugin: taintToleration, weight: 3 },
  { plugin: nodeAffinity, weight: 2 },
  { plugin: nodeResourcesFit, weight: 1 },
  { plugin: podTopologySpread, weight: 2 },
  { plugin: interPodAffinity, weight: 2 },
  { plugin: balancedAllocationPlugin, weight: 1 },
  { plugin: imageLocality, weight: 1 },
];

/** The weights by plugin name, as results report them. */
export const WEIGHTS: Readonly<Record<string, number>> = Object.fromEntries(
  SCORE_PLUGINS.map((s) => [s.plugin.name, s.weight]),
);
