// Matching labels and nodes, as apimachinery's labels package and component-helpers' nodeaffinity do
// (the operator semantics of https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/).
import type { LabelSelector, NodeSelectorTerm } from '../../objects';
import { node, pod } from '../testkit';
import { requiredNodeAffinityMatches, selectorMatches, termMatches } from './selectors';

const sel = (
  matchLabels: Record<string, string>,
  matchExpressions: LabelSelector['matchExpressions'] = [],
): LabelSelector => ({ matchLabels, matchExpressions });

const labelCases: {
  name: string;
  selector: LabelSelector | undefined;
  labels: Record<string, string>;
  want: boolean;
}[] = [
  { name: 'an absent selector selects nothing', selector: undefined, labels: { app: 'web' }, want: false },
  { name: 'an empty selector selects everything', selector: sel({}), labels: {}, want: true },
  {
    name: 'matchLabels needs each key with its value',
    selector: sel({ app: 'web', tier: 'fe' }),
    labels: { app: 'web' },
    want: false,
  },
  {
    name: 'NotIn holds when the key is absent',
    selector: sel({}, [{ key: 'env', operator: 'NotIn', values: ['prod'] }]),
    labels: {},
    want: true,
  },
  {
    name: 'In needs the key to be present',
    selector: sel({}, [{ key: 'env', operator: 'In', values: [''] }]),
    labels: {},
    want: false,
  },
  {
    name: 'DoesNotExist fails on an empty value too',
    selector: sel({}, [{ key: 'env', operator: 'DoesNotExist', values: [] }]),
    labels: { env: '' },
    want: false,
  },
  {
    name: 'a key named like an Object property is just a key',
    selector: sel({ constructor: 'x' }),
    labels: {},
    want: false,
  },
];
for (const c of labelCases)
  test(`label selector: ${c.name}`, () => expect(selectorMatches(c.selector, c.labels)).toBe(c.want));

const term = (
  matchExpressions: NodeSelectorTerm['matchExpressions'],
  matchFields: NodeSelectorTerm['matchFields'] = [],
): NodeSelectorTerm => ({ matchExpressions, matchFields });

const termCases: { name: string; term: NodeSelectorTerm; labels: Record<string, string>; want: boolean }[] = [
  { name: 'an empty term matches no node', term: term([]), labels: {}, want: false },
  {
    name: 'Gt compares integers',
    term: term([{ key: 'cores', operator: 'Gt', values: ['8'] }]),
    labels: { cores: '16' },
    want: true,
  },
  {
    name: 'Gt is strict',
    term: term([{ key: 'cores', operator: 'Gt', values: ['16'] }]),
    labels: { cores: '16' },
    want: false,
  },
  {
    name: 'Lt fails when the label is not an integer',
    term: term([{ key: 'cores', operator: 'Lt', values: ['8'] }]),
    labels: { cores: 'four' },
    want: false,
  },
  {
    name: 'a Gt value that is not an integer drops the whole term',
    term: term([
      { key: 'zone', operator: 'In', values: ['a'] },
      { key: 'cores', operator: 'Gt', values: ['x'] },
    ]),
    labels: { zone: 'a', cores: '4' },
    want: false,
  },
  {
    name: 'expressions of a term are ANDed',
    term: term([
      { key: 'zone', operator: 'In', values: ['a'] },
      { key: 'disk', operator: 'Exists', values: [] },
    ]),
    labels: { zone: 'a' },
    want: false,
  },
  {
    name: 'matchFields metadata.name In names the node',
    term: term([], [{ key: 'metadata.name', operator: 'In', values: ['n1'] }]),
    labels: {},
    want: true,
  },
  {
    name: 'matchFields metadata.name NotIn excludes it',
    term: term([], [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }]),
    labels: {},
    want: false,
  },
];
for (const c of termCases)
  test(`node selector term: ${c.name}`, () =>
    expect(termMatches(c.term, node('n1', { labels: c.labels }))).toBe(c.want));

test('nodeSelector and required node affinity must both hold; the terms are ORed', () => {
  const p = pod('p', {
    spec: {
      nodeSelector: { disktype: 'ssd' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
            ],
          },
        },
      },
    },
  });
  expect(requiredNodeAffinityMatches(p, node('n', { labels: { disktype: 'ssd', zone: 'b' } }))).toBe(true);
  expect(requiredNodeAffinityMatches(p, node('n', { labels: { disktype: 'hdd', zone: 'b' } }))).toBe(false);
  expect(requiredNodeAffinityMatches(p, node('n', { labels: { disktype: 'ssd', zone: 'c' } }))).toBe(false);
});
