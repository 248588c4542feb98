// NodePorts: host ports by IP and protocol, sidecars and hostNetwork (node_ports_test.go's behaviours).
import { deepFreeze } from '../../testing/builders';
import { filterWith, node, pod, state } from '../testkit';
import { nodePorts } from './node-ports';

const port = (hostPort: number, extra: Record<string, unknown> = {}) => ({
  containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80, hostPort, ...extra }] }],
});

const cases: { name: string; run: () => unknown; want: unknown }[] = [
  {
    name: 'a Pod without host ports skips the plugin',
    run: () => filterWith(nodePorts, pod('p'), state([node('n1')])),
    want: 'skip',
  },
  {
    name: 'the same host port and protocol on 0.0.0.0 conflicts',
    run: () =>
      filterWith(
        nodePorts,
        pod('p', { spec: port(8080) }),
        state([node('n1'), node('n2')], [pod('old', { on: 'n1', spec: port(8080) })]),
      ),
    want: { n1: ["node(s) didn't have free ports for the requested pod ports"], n2: [] },
  },
  {
    name: 'another protocol on the same port does not conflict',
    run: () =>
      filterWith(
        nodePorts,
        pod('p', { spec: port(53, { protocol: 'UDP' }) }),
        state([node('n1')], [pod('old', { on: 'n1', spec: port(53) })]),
      ),
    want: { n1: [] },
  },
  {
    name: 'different host IPs share a port, but 0.0.0.0 conflicts with any IP',
    run: () => {
      const existing = [pod('old', { on: 'n1', spec: port(8080, { hostIP: '10.0.0.1' }) })];
      return [
        filterWith(nodePorts, pod('p', { spec: port(8080, { hostIP: '10.0.0.2' }) }), state([node('n1')], existing)),
        filterWith(nodePorts, pod('q', { spec: port(8080) }), state([node('n1')], existing)),
      ];
    },
    want: [{ n1: [] }, { n1: ["node(s) didn't have free ports for the requested pod ports"] }],
  },
  {
    name: 'with hostNetwork every container port is a host port',
    run: () =>
      filterWith(
        nodePorts,
        pod('p', {
          spec: { hostNetwork: true, containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 9100 }] }] },
        }),
        state([node('n1')], [pod('exporter', { on: 'n1', spec: port(9100) })]),
      ),
    want: { n1: ["node(s) didn't have free ports for the requested pod ports"] },
  },
  {
    name: 'a sidecar’s host port counts, a plain init container’s does not',
    run: () => {
      const init = (restartPolicy?: string) => ({
        initContainers: [
          {
            name: 'i',
            image: 'x',
            ports: [{ containerPort: 1, hostPort: 7000 }],
            ...(restartPolicy ? { restartPolicy } : {}),
          },
        ],
      });
      const n = () => node('n1');
      return [
        filterWith(
          nodePorts,
          pod('p', { spec: port(7000) }),
          state([n()], [pod('s', { on: 'n1', spec: init('Always') })]),
        ),
        filterWith(nodePorts, pod('p', { spec: port(7000) }), state([n()], [pod('s', { on: 'n1', spec: init() })])),
      ];
    },
    want: [{ n1: ["node(s) didn't have free ports for the requested pod ports"] }, { n1: [] }],
  },
];
for (const c of cases) test(c.name, () => expect(deepFreeze(c.run())).toEqual(c.want));
