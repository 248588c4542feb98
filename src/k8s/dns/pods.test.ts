// Pod names: <dashed-ip>.<ns>.pod.<zone> under the three `pods` modes of CoreDNS's kubernetes plugin.
import { cluster, namespace, pod } from '../testing/builders';
import { runAnswerCases, type AnswerCase } from './testkit';

const cases: AnswerCase[] = [
  {
    name: 'pods insecure answers an IPv6 Pod name spelled with dashes',
    cluster: cluster(namespace('shop')),
    ask: { name: 'fd00--1.shop.pod.cluster.local', type: 'AAAA' },
    rcode: 'NOERROR',
    answer: ['fd00--1.shop.pod.cluster.local. 5 IN AAAA fd00::1'],
  },
  {
    name: 'pods insecure still needs the namespace to exist',
    cluster: cluster(namespace('shop')),
    ask: { name: '10-1-2-3.elsewhere.pod.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'Namespace "elsewhere" does not exist',
  },
  {
    name: 'a Pod label that is not an IP is NXDOMAIN',
    cluster: cluster(namespace('shop')),
    ask: { name: 'web.shop.pod.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'is not an IP spelled with dashes',
  },
  {
    name: 'a leading zero makes a label no IP, as Go parses IPs',
    cluster: cluster(namespace('shop')),
    ask: { name: '010-1-2-3.shop.pod.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'CoreDNS ignores labels left of a Pod label',
    cluster: cluster(namespace('shop')),
    ask: { name: 'x.10-1-2-3.shop.pod.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['x.10-1-2-3.shop.pod.cluster.local. 5 IN A 10.1.2.3'],
    explains: 'ignores the labels left of the Pod label',
  },
  {
    name: 'pods verified answers for a Running Pod with that IP',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.21' })),
    options: { podMode: 'verified' },
    ask: { name: '10-1-0-21.shop.pod.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['10-1-0-21.shop.pod.cluster.local. 5 IN A 10.1.0.21'],
    explains: 'Pod shop/p1 has status.podIP 10.1.0.21',
  },
  {
    name: 'pods verified is NXDOMAIN when no Pod has the IP',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.21' })),
    options: { podMode: 'verified' },
    ask: { name: '10-1-0-99.shop.pod.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'no Pending or Running Pod',
  },
  {
    name: 'pods verified ignores Pods that have finished',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.22', phase: 'Succeeded' })),
    options: { podMode: 'verified' },
    ask: { name: '10-1-0-22.shop.pod.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
  },
  {
    name: "pods verified checks only status.podIP, not a dual-stack Pod's second IP",
    cluster: cluster(pod('p1', 'shop', { ip: ['10.1.0.21', 'fd00::21'] })),
    options: { podMode: 'verified' },
    ask: { name: 'fd00--21.shop.pod.cluster.local', type: 'AAAA' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'pods verified needs the IP spelled canonically, as CoreDNS compares text',
    cluster: cluster(pod('p1', 'shop', { ip: 'fd00::21' })),
    options: { podMode: 'verified' },
    ask: { name: 'fd00-0-0-0-0-0-0-21.shop.pod.cluster.local', type: 'AAAA' },
    rcode: 'NXDOMAIN',
    explains: 'canonical form fd00::21',
  },
  {
    name: 'pods disabled makes every Pod name NXDOMAIN',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.21' })),
    options: { podMode: 'disabled' },
    ask: { name: '10-1-0-21.shop.pod.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: '`pods disabled`',
  },
  {
    name: 'pods disabled makes the namespace name under pod.<zone> NXDOMAIN too (was NODATA)',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.21' })),
    options: { podMode: 'disabled' },
    ask: { name: 'shop.pod.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: '<ns>.pod.<zone> included',
  },
  {
    name: 'pods disabled still answers pod.<zone> itself with NODATA, as parse.go reads it as the apex',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.21' })),
    options: { podMode: 'disabled' },
    ask: { name: 'pod.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
  },
  {
    name: 'with pods insecure, the namespace name under pod.<zone> exists without records',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.21' })),
    ask: { name: 'shop.pod.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
  },
];

describe('Pod names', () => runAnswerCases(cases));
