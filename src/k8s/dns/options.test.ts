import { KubeknowError } from '../../errors';
import { dnsOptions, type DnsOptions } from '.';

interface OptionCase {
  name: string;
  input: unknown;
  want?: DnsOptions;
  problems?: [string, string, string][];
}

const cases: OptionCase[] = [
  {
    name: 'nothing given: cluster.local, pods insecure, TTL 5',
    input: undefined,
    want: { clusterDomain: 'cluster.local', podMode: 'insecure', ttl: 5 },
  },
  {
    name: 'every option given',
    input: { clusterDomain: 'corp.example', podMode: 'verified', ttl: 30 },
    want: { clusterDomain: 'corp.example', podMode: 'verified', ttl: 30 },
  },
  {
    name: 'the cluster domain loses its trailing dot and its capitals',
    input: { clusterDomain: 'Cluster.Local.' },
    want: { clusterDomain: 'cluster.local', podMode: 'insecure', ttl: 5 },
  },
  {
    name: 'TTL 0 and 3600 are the limits CoreDNS accepts',
    input: { ttl: 0, podMode: 'disabled' },
    want: { clusterDomain: 'cluster.local', podMode: 'disabled', ttl: 0 },
  },
  {
    name: 'a cluster domain that is not a DNS name',
    input: { clusterDomain: 'cluster_local' },
    problems: [['FIELD_INVALID', 'clusterDomain', 'must be a DNS subdomain']],
  },
  {
    name: 'a reverse zone as cluster domain',
    input: { clusterDomain: '10.in-addr.arpa' },
    problems: [['FIELD_INVALID', 'clusterDomain', 'must not be a reverse zone']],
  },
  {
    name: 'a misspelt pod mode is not supported, with a suggestion',
    input: { podMode: 'verifed' },
    problems: [['FIELD_NOT_SUPPORTED', 'podMode', 'Did you mean "verified"?']],
  },
  {
    name: 'a TTL that is not a whole number of seconds in 0..3600',
    input: { ttl: 3601 },
    problems: [['FIELD_INVALID', 'ttl', 'between 0 and 3600']],
  },
  {
    name: 'an unknown option is reported at its own path',
    input: { podmode: 'insecure' },
    problems: [['FIELD_NOT_SUPPORTED', 'podmode', 'Did you mean "podMode"?']],
  },
  {
    name: 'every problem is reported at once',
    input: { clusterDomain: 7, podMode: 'open', ttl: -1 },
    problems: [
      ['FIELD_INVALID', 'clusterDomain', 'must be a string'],
      ['FIELD_NOT_SUPPORTED', 'podMode', 'supported values'],
      ['FIELD_INVALID', 'ttl', 'whole number'],
    ],
  },
];

describe('dnsOptions', () => {
  for (const c of cases) {
    test(c.name, () => {
      if (c.want) {
        expect(dnsOptions(c.input as never)).toEqual(c.want);
        return;
      }
      let error: unknown;
      try {
        dnsOptions(c.input as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KubeknowError);
      const got = (error as KubeknowError).problems.map((p) => [p.code, p.path, p.message]);
      expect(got).toEqual(c.problems!.map(([code, path, text]) => [code, path, expect.stringContaining(text)]));
    });
  }
});
