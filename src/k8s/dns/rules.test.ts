// Every rule a record can carry is worded in Korean too: a rule added in English alone fails here,
// whether or not a test happens to produce a record with it.
import type { Text } from '../explanation';
import { CLUSTER_IP_ENDPOINT_RULES, RULES } from './rules';
import { expectKorean } from './testkit';

// The rules by name, each A/AAAA pair as two entries.
const named = (table: Record<string, Text | Readonly<Record<'A' | 'AAAA', Text>>>): [string, Text][] =>
  Object.entries(table).flatMap(([name, rule]): [string, Text][] =>
    'en' in rule ? [[name, rule]] : Object.entries(rule).map(([type, t]): [string, Text] => [`${name}.${type}`, t]),
  );

const ALL = [
  ...named(RULES),
  ...named(CLUSTER_IP_ENDPOINT_RULES).map(([n, t]): [string, Text] => [`clusterIP ${n}`, t]),
];

test.each(ALL)('rule %s has a Korean text', (_name, rule) => expectKorean([rule]));

test.each(ALL)('rule %s names its source in both languages', (_name, rule) => {
  // A citation (spec §, a CoreDNS file) the English gives is kept in the Korean, so both are quotable.
  const cited = rule.en.match(/spec §[\d.]+|§[\d.]+|[a-z_]+\.go/g) ?? [];
  for (const c of cited) expect(rule.ko).toContain(c);
});

test.each(named(CLUSTER_IP_ENDPOINT_RULES))(
  'clusterIP rule %s ends one sentence before the CoreDNS note',
  (_n, rule) => {
    // Joined without a period, the note ran on from "names the Service" as if one sentence.
    expect(rule.en).toMatch(/[^.]\. CoreDNS serves endpoint names under Services with a clusterIP too;/);
    expect(rule.ko).toMatch(/[^.]\. CoreDNS는 clusterIP가 있는 Service 아래에도/);
  },
);
