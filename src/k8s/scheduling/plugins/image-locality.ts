// ImageLocality (pkg/scheduler/framework/plugins/imagelocality): favours nodes that already hold the
// Pod's images, by their size, discounted by how few nodes hold them (to avoid piling onto one node).
import type { Plugin } from '../framework/types';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag is `:latest`; the node's names are used as reported. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export const imageLocality: Plugin = {
  name: 'ImageLocality',
  preScore: ({ pod, snapshot }) => {
    const containers = [...pod.pod.spec.initContainers, ...pod.pod.spec.containers];
    const total = snapshot.nodes.length;
    const maxThreshold = MAX_CONTAINER_THRESHOLD * containers.length;
    // Each container's image, looked up once per cycle rather than once per node.
    const images = containers.flatMap((c) => snapshot.images.get(normalizedImageName(c.image)) ?? []);
    return {
      score: (node) => {
        let sum = 0;
        for (const state of images)
          // scaledImageScore: size × the share of nodes that have the image, truncated to an integer.
          if (state.nodes.has(node.name)) sum += Math.trunc(state.size * (state.nodes.size / total));
        const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
        return Math.floor((100 * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
      },
    };
  },
};
