// ImageLocality: nodes holding the Pod's images score by their size, discounted by how few nodes have
// them (image_locality_test.go's behaviours). Thresholds: 23 MB to 1000 MB per container.
import { node, pod, scoreWith, state } from '../testkit';
import { imageLocality, normalizedImageName } from './image-locality';

const MB = 1024 * 1024;
const withImage = (name: string, sizeMB: number) => ({ images: [{ names: [name], sizeBytes: sizeMB * MB }] });

test.each([
  ['nginx', 'nginx:latest'],
  ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
  ['localhost:5000/app', 'localhost:5000/app:latest'],
])('an image without a tag is :latest (%s → %s)', (name, want) => expect(normalizedImageName(name)).toBe(want));

test('a node holding a 500 MB image on every node scores (500 − 23) / (1000 − 23) of 100', () => {
  const img = 'registry.k8s.io/pause:3.10';
  const s = state([node('a', withImage(img, 500)), node('b', withImage(img, 500))]);
  expect(scoreWith(imageLocality, pod('p'), s)).toEqual({ a: 48, b: 48 });
});

test('an image on one node of two counts half its size; a node without it scores 0', () => {
  const img = 'registry.k8s.io/pause:3.10';
  const s = state([node('a', withImage(img, 1000)), node('b')]);
  // 1000 MB × 1/2 = 500 MB → (500 − 23) × 100 / 977 = 48
  expect(scoreWith(imageLocality, pod('p'), s)).toEqual({ a: 48, b: 0 });
});

test('images under 23 MB do not count', () => {
  const img = 'registry.k8s.io/pause:3.10';
  expect(scoreWith(imageLocality, pod('p'), state([node('a', withImage(img, 20))]))).toEqual({ a: 0 });
});
