import { KubeknowError, type Problem } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { parseObjects, type Service } from './index';

const svc = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) =>
  deepFreeze({ apiVersion: 'v1', kind: 'Service', metadata, spec });

function problemsOf(values: unknown[]): string[] {
  try {
    parseObjects(values);
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p: Problem) => `${p.code} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('Service defaults', () => {
  const cases: { name: string; spec: Record<string, unknown>; want: Partial<Service['spec']> }[] = [
    {
      name: 'a bare ClusterIP Service: type, protocol, targetPort, affinity, policies; no IP allocated',
      spec: { ports: [{ port: 80 }] },
      want: {
        type: 'ClusterIP',
        clusterIP: '',
        clusterIPs: [],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        publishNotReadyAddresses: false,
        externalIPs: [],
        ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 80 }],
      },
    },
    {
      name: 'clusterIPs follow clusterIP, and the family follows the address',
      spec: { clusterIP: 'fd00::10', ports: [{ port: 53, protocol: 'UDP', targetPort: 'dns' }] },
      want: {
        clusterIP: 'fd00::10',
        clusterIPs: ['fd00::10'],
        ipFamilies: ['IPv6'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: '', protocol: 'UDP', port: 53, targetPort: 'dns' }],
      },
    },
    {
      // clusterIPs given without clusterIP is refused now (ValidateServiceClusterIPsRelatedFields: "new client must
      // use both fields", normalizeClusterIPs in pkg/registry/core/service/storage/storage.go); it was filled in.
      // The policy is given: without one, initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) defaults
      // SingleStack and refuses two IPs (was: two IPs defaulted RequireDualStack; see the validation cases).
      name: 'clusterIP with clusterIPs of two families and a dual-stack policy: the families follow the IPs',
      spec: {
        clusterIP: '10.0.0.1',
        clusterIPs: ['10.0.0.1', 'fd00::1'],
        ipFamilyPolicy: 'RequireDualStack',
        ports: [{ port: 80 }],
      },
      want: {
        clusterIP: '10.0.0.1',
        clusterIPs: ['10.0.0.1', 'fd00::1'],
        ipFamilies: ['IPv4', 'IPv6'],
        ipFamilyPolicy: 'RequireDualStack',
      },
    },
    {
      // initIPFamilyFields's inference loop: a family for each IP past the given ones (alloc.go).
      name: 'a family given for the first of two IPs: the second IP’s family is added',
      spec: {
        clusterIP: '10.0.0.1',
        clusterIPs: ['10.0.0.1', 'fd00::1'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'PreferDualStack',
        ports: [{ port: 80 }],
      },
      want: { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    },
    {
      // initIPFamilyFields, its last step: a non-SingleStack policy with one family gets the other on a cluster of
      // both families, which every route but the dry-run reads for (was: kept [IPv6], as a family was given).
      name: 'PreferDualStack with ipFamilies [IPv6] gets IPv4 second',
      spec: { ipFamilies: ['IPv6'], ipFamilyPolicy: 'PreferDualStack', ports: [{ port: 80 }] },
      want: { ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'PreferDualStack' },
    },
    {
      // initIPFamilyFields: "Special-case: headless + selectorless defaults to dual" (was: SingleStack, [IPv4]).
      name: 'a headless Service without a selector defaults to RequireDualStack and both families',
      spec: { clusterIP: 'None', ports: [{ port: 5432 }] },
      want: { clusterIPs: ['None'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' },
    },
    {
      name: 'a headless Service may have no ports',
      spec: { clusterIP: 'None', selector: { app: 'db' } },
      want: { clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ports: [], selector: { app: 'db' } },
    },
    {
      name: 'PreferDualStack without addresses asks for both families',
      spec: { clusterIP: 'None', ipFamilyPolicy: 'PreferDualStack' },
      want: { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    },
    {
      name: 'an ExternalName Service has no cluster IP and needs no ports',
      spec: { type: 'ExternalName', externalName: 'db.example.org.' },
      want: {
        type: 'ExternalName',
        externalName: 'db.example.org.',
        clusterIP: '',
        clusterIPs: [],
        ipFamilies: [],
        ports: [],
      },
    },
    {
      name: 'NodePort and LoadBalancer default externalTrafficPolicy to Cluster; targetPort 0 means unset',
      spec: { type: 'LoadBalancer', ports: [{ port: 443, targetPort: 0, nodePort: 30443 }] },
      want: {
        externalTrafficPolicy: 'Cluster',
        ports: [{ name: '', protocol: 'TCP', port: 443, targetPort: 443, nodePort: 30443 }],
      },
    },
    {
      name: 'a LoadBalancer with externalTrafficPolicy Local keeps its requested healthCheckNodePort',
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100, ports: [{ port: 80 }] },
      want: { externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 },
    },
    {
      name: 'an empty selector is no selector',
      spec: { selector: {}, ports: [{ port: 80 }] },
      want: { type: 'ClusterIP', selector: undefined },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const [s] = parseObjects([svc(c.spec)]).services;
      expect(s.metadata.namespace).toBe('default');
      const { selector, ...rest } = c.want;
      expect(s.spec).toMatchObject(rest);
      if ('selector' in c.want) expect(s.spec.selector).toEqual(selector);
    });
  }
});

describe('Service validation', () => {
  const dns1035 =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, " +
    "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  const cases: { name: string; values: unknown[]; want: string[] }[] = [
    {
      name: 'a port out of range, at its path',
      values: [svc({ ports: [{ port: 80 }] }, { name: 'a' }), svc({ ports: [{ port: 0 }] }, { name: 'b' })],
      want: ['FIELD_INVALID objects[1].spec.ports[0].port: must be between 1 and 65535, inclusive'],
    },
    {
      name: 'near-miss enums are not supported, with a suggestion',
      values: [svc({ type: 'Nodeport', ports: [{ port: 80, protocol: 'tcp' }] })],
      want: [
        'FIELD_NOT_SUPPORTED objects[0].spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort". Did you mean "NodePort"?',
        'FIELD_NOT_SUPPORTED objects[0].spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP". Did you mean "TCP"?',
      ],
    },
    {
      name: 'a far miss gets no suggestion',
      values: [svc({ sessionAffinity: 'Sticky', ports: [{ port: 80 }] })],
      want: [
        'FIELD_NOT_SUPPORTED objects[0].spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
      ],
    },
    {
      name: 'the Service name must be a DNS-1035 label',
      values: [svc({ ports: [{ port: 80 }] }, { name: '1web' })],
      want: [`FIELD_INVALID objects[0].metadata.name: ${dns1035}`],
    },
    {
      name: 'several ports must all be named, uniquely, and not repeat port and protocol',
      values: [svc({ ports: [{ port: 80 }, { name: 'a', port: 81 }, { name: 'a', port: 80 }] })],
      want: [
        'FIELD_REQUIRED objects[0].spec.ports[0].name: Required value',
        'FIELD_INVALID objects[0].spec.ports[2].name: Duplicate value: "a"',
        // field.Duplicate(portPath, key) with key a core.ServicePort{Protocol, Port} (ValidateService),
        // printed with %#v by ErrorBody (apimachinery pkg/util/validation/field/errors.go).
        'FIELD_INVALID objects[0].spec.ports[2]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    },
    {
      // ValidateService's duplicate check keys on (protocol, nodePort); the same nodePort under two
      // port numbers never reaches it, as the allocator refuses it first (services.test.ts).
      name: 'a nodePort repeated for one port and protocol is a duplicate; for two protocols it is shared',
      values: [
        svc({
          type: 'NodePort',
          ports: [
            { name: 'a', port: 53, protocol: 'UDP', nodePort: 30053 },
            { name: 'b', port: 53, protocol: 'TCP', nodePort: 30053 },
            { name: 'c', port: 53, protocol: 'TCP', nodePort: 30053 },
          ],
        }),
      ],
      want: [
        'FIELD_INVALID objects[0].spec.ports[2].nodePort: Duplicate value: 30053',
        'FIELD_INVALID objects[0].spec.ports[2]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:53, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    },
    {
      // validateServiceExternalTrafficPolicy (pkg/apis/core/validation/validation.go).
      name: 'healthCheckNodePort only on a LoadBalancer with externalTrafficPolicy Local',
      values: [
        svc({ type: 'NodePort', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100, ports: [{ port: 80 }] }),
      ],
      want: [
        "FIELD_INVALID objects[0].spec.healthCheckNodePort: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ],
    },
    {
      name: 'a named targetPort must be an IANA service name',
      values: [
        svc({
          ports: [
            { port: 80, targetPort: 'http-web-server-1' },
            { name: 'b', port: 81, targetPort: '8080' },
          ].map((p, i) => ({ name: `p${i}`, ...p })),
        }),
      ],
      want: [
        'FIELD_INVALID objects[0].spec.ports[0].targetPort: must be no more than 15 characters',
        'FIELD_INVALID objects[0].spec.ports[1].targetPort: must contain at least one letter (a-z)',
      ],
    },
    {
      name: 'a null port is an empty one, and needs its port (hostile review: it was echoed)',
      values: [svc({ ports: [null] })],
      want: ['FIELD_REQUIRED objects[0].spec.ports[0].port: Required value'],
    },
    {
      name: 'a Service other than headless or ExternalName needs ports',
      values: [svc({ selector: { app: 'web' } })],
      want: ['FIELD_REQUIRED objects[0].spec.ports: Required value'],
    },
    {
      // Every message here is ValidateServiceClusterIPsRelatedFields's (pkg/apis/core/validation/validation.go), on
      // clusterIPs as normalizeClusterIPs (pkg/registry/core/service/storage/storage.go) fills them from a clusterIP
      // given alone: the IP check is IsValidIP's (staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go), at
      // spec.clusterIPs[0]; two IPs of one family (netutils.IsDualStackIPStrings) an error on the whole list. Was:
      // "must be empty, 'None', or a valid IP address" at spec.clusterIP, and the family error at clusterIPs[1].
      name: 'clusterIPs are IPs of distinct families, in the words and paths of the API server’s one check',
      values: [
        svc({ clusterIP: '10.0.0.300', ports: [{ port: 80 }] }, { name: 'a' }),
        svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '10.0.0.2'], ports: [{ port: 80 }] }, { name: 'b' }),
        // None only alone (hostile review).
        svc({ clusterIP: 'None', clusterIPs: ['None', '10.96.0.5'], ports: [{ port: 80 }] }, { name: 'c' }),
      ],
      want: [
        'FIELD_INVALID objects[0].spec.clusterIPs[0]: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        'FIELD_INVALID objects[1].spec.clusterIPs: may specify no more than one IP for each IP family',
        "FIELD_INVALID objects[2].spec.clusterIPs: 'None' must be the first and only value",
      ],
    },
    {
      // ValidateServiceClusterIPsRelatedFields (pkg/apis/core/validation/validation.go): "If ClusterIP is not set,
      // ClusterIPs must also be unset", and "If ClusterIP is set, ClusterIPs[0] must match". Was accepted, the
      // clusterIP taken from clusterIPs[0], and the mismatch reported at clusterIPs[0] as "must match `clusterIP`".
      name: 'clusterIPs without clusterIP, or with another first value, are refused on the whole list',
      values: [
        svc({ clusterIPs: ['10.0.0.1'], ports: [{ port: 80 }] }, { name: 'a' }),
        svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.2'], ports: [{ port: 80 }] }, { name: 'b' }),
      ],
      want: [
        'FIELD_INVALID objects[0].spec.clusterIPs: must be empty when `clusterIP` is not specified',
        'FIELD_INVALID objects[1].spec.clusterIPs: first value must match `clusterIP`',
      ],
    },
    {
      // ValidateServiceClusterIPsRelatedFields: field.NotSupported for ipFamilies and ipFamilyPolicy (their supported
      // values sorted, as sets.List gives them), field.Duplicate for a repeated family.
      name: 'ipFamilies and ipFamilyPolicy take only their values, and a family once',
      values: [
        svc({ clusterIP: 'None', ipFamilies: ['IPv4', 'IPv4'], ports: [{ port: 80 }] }, { name: 'a' }),
        svc({ ipFamilies: ['ipv4'], ipFamilyPolicy: 'x', ports: [{ port: 80 }] }, { name: 'b' }),
      ],
      want: [
        'FIELD_INVALID objects[0].spec.ipFamilies[1]: Duplicate value: "IPv4"',
        'FIELD_NOT_SUPPORTED objects[1].spec.ipFamilies[0]: Unsupported value: "ipv4": supported values: "IPv4", "IPv6". Did you mean "IPv4"?',
        'FIELD_NOT_SUPPORTED objects[1].spec.ipFamilyPolicy: Unsupported value: "x": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"',
      ],
    },
    {
      // initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) checks SingleStack, given or defaulted (no
      // policy on create is SingleStack), against the clusterIPs and the ipFamilies as given, before it infers any
      // family: two IPs alone give the cluster-IPs error only (was: the IP-families one, on the inferred families),
      // and two of each give both, in that order (was: RequireDualStack defaulted, and accepted).
      name: 'two IPs or two families need a dual-stack policy; given families must match the addresses',
      values: [
        svc(
          {
            clusterIP: '10.0.0.1',
            clusterIPs: ['10.0.0.1', 'fd00::1'],
            ipFamilyPolicy: 'SingleStack',
            ports: [{ port: 80 }],
          },
          { name: 'a' },
        ),
        svc({ clusterIP: '10.0.0.1', ipFamilies: ['IPv6'], ports: [{ port: 80 }] }, { name: 'b' }),
        svc(
          {
            clusterIP: '10.0.0.1',
            clusterIPs: ['10.0.0.1', 'fd00::1'],
            ipFamilies: ['IPv4', 'IPv6'],
            ports: [{ port: 80 }],
          },
          { name: 'c' },
        ),
      ],
      want: [
        "FIELD_INVALID objects[0].spec.ipFamilyPolicy: must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
        'FIELD_INVALID objects[1].spec.clusterIPs[0]: expected an IPv6 value as indicated by `ipFamilies[0]`',
        "FIELD_INVALID objects[2].spec.ipFamilyPolicy: must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
        "FIELD_INVALID objects[2].spec.ipFamilyPolicy: must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
      ],
    },
    {
      // ValidateService's switch on the type (pkg/apis/core/validation/validation.go): at spec.clusterIPs[0], where
      // normalizeClusterIPs put the clusterIP (was: spec.clusterIP).
      name: 'clusterIP None is not allowed for NodePort or LoadBalancer',
      values: [svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] })],
      want: ["FIELD_INVALID objects[0].spec.clusterIPs[0]: may not be set to 'None' for NodePort services"],
    },
    {
      // ValidateService's switch on the type: field.Forbidden on clusterIPs (normalizeClusterIPs filled them from
      // clusterIP; was: spec.clusterIP, Invalid), ipFamilies and ipFamilyPolicy.
      name: 'ExternalName needs an externalName that is a DNS name, and no cluster IP',
      values: [
        svc({ type: 'ExternalName' }, { name: 'a' }),
        svc({ type: 'ExternalName', externalName: 'DB_host', clusterIP: '10.0.0.1' }, { name: 'b' }),
        svc(
          { type: 'ExternalName', externalName: 'db', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
          { name: 'c' },
        ),
      ],
      want: [
        'FIELD_REQUIRED objects[0].spec.externalName: Required value',
        'FIELD_INVALID objects[1].spec.clusterIPs: Forbidden: may not be set for ExternalName services',
        "FIELD_INVALID objects[1].spec.externalName: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
          "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        'FIELD_INVALID objects[2].spec.ipFamilies: Forbidden: may not be set for ExternalName services',
        'FIELD_INVALID objects[2].spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
      ],
    },
    {
      // ValidateService: field.Forbidden for the nodePort (no value in the message), and no range check on it: the
      // allocator, which runs first, checks node ports against --service-node-port-range (was: "must be between 1
      // and 65535, inclusive" as well, for 70000).
      name: 'nodePort and externalTrafficPolicy need an externally reachable type',
      values: [svc({ externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 70000 }] })],
      want: [
        "FIELD_INVALID objects[0].spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
        'FIELD_INVALID objects[0].spec.externalTrafficPolicy: may only be set for externally-accessible services',
      ],
    },
    {
      name: 'wrong JSON types are reported, not coerced',
      values: [svc({ ports: [{ port: '80' }], publishNotReadyAddresses: 'true', selector: { version: 1 } })],
      want: [
        'FIELD_INVALID objects[0].spec.selector["version"]: must be a string',
        'FIELD_INVALID objects[0].spec.ports[0].port: must be an integer',
        'FIELD_INVALID objects[0].spec.publishNotReadyAddresses: must be a boolean',
      ],
    },
    {
      name: 'selector keys and values are validated as labels',
      values: [svc({ ports: [{ port: 80 }], selector: { 'app/x/y': 'ok', tier: 'front end' } })],
      want: [
        expect.stringMatching(/^FIELD_INVALID objects\[0\]\.spec\.selector: a qualified name must consist of/),
        expect.stringMatching(
          /^FIELD_INVALID objects\[0\]\.spec\.selector\["tier"\]: a valid label must be an empty string/,
        ),
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => expect(problemsOf(c.values)).toEqual(c.want));
  }
});
