// The small clusters the language tests ask about over REST (rest-lang) and MCP (mcp-lang): a Service
// with a cluster IP, and a Pod admitted under a LimitRange's defaults.
export const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { clusterIP: 10.96.0.20, ports: [{ port: 80 }] }
`;

export const ADMISSION = `apiVersion: v1
kind: LimitRange
metadata: { name: defaults, namespace: shop }
spec: { limits: [{ type: Container, default: { cpu: 500m } }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec: { containers: [{ name: web, image: nginx }] }
`;
