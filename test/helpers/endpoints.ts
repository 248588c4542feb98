// Large clusters for the budget tests: the sizes the review sent (issue 10).

/** A headless Service and EndpointSlices of `n` endpoints with hostnames (A, PTR and SRV records each). */
export function headless(n: number, ports = 1): unknown[] {
  const portList = Array.from({ length: ports }, (_, i) => ({ name: `p${i}`, port: 8000 + i, protocol: 'TCP' }));
  const slices = Array.from({ length: Math.ceil(n / 1000) }, (_, k) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    addressType: 'IPv4',
    metadata: { name: `web-${k}`, namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    ports: portList,
    endpoints: Array.from({ length: Math.min(1000, n - k * 1000) }, (_, j) => k * 1000 + j).map((i) => ({
      addresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
      hostname: `web-${i}`,
      conditions: { ready: true },
    })),
  }));
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { clusterIP: 'None', ports: portList.map(({ name, port }) => ({ name, port })) },
  };
  return [service, ...slices];
}
