// Input fields the DNS capabilities share: the options of CoreDNS's `kubernetes` plugin and the
// kubelet, and the question. Defaults and limits are the kernel's (src/k8s/dns/options.ts), which
// are CoreDNS's; the checks that need DNS grammar are the kernel's own.
import { z } from 'zod';
import {
  absoluteName,
  clusterDomainProblem,
  DEFAULT_DNS_OPTIONS,
  MAX_TTL,
  nameProblem,
  POD_MODES,
  QUERY_TYPES,
} from '../k8s/dns';
import { named } from './capability';
import { LOCALES } from '../knowledge/types';
import type { ProblemParams } from './problems';

/** A check of the kernel's, as a zod refinement reporting FIELD_INVALID with the kernel's words. */
const kernelRule = (why: (value: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const message = why(value);
  if (message) ctx.addIssue({ code: 'custom', message, params: { code: 'FIELD_INVALID' } satisfies ProblemParams });
};

export const podMode = named(z.enum(POD_MODES), {
  name: 'PodMode',
  description: 'How CoreDNS answers Pod names `a-b-c-d.<ns>.pod.<zone>` (its `pods` option).',
  values: {
    insecure: 'Any IP-shaped name in an existing namespace gets its address (kubeadm’s default).',
    verified: 'Only when a Pod with that IP exists in that namespace.',
    disabled: 'Pod names get no records.',
  },
});

/** The language of a DNS answer's explanations; without it, the reader's (Accept-Language, which a
 * worker thread's context carries too), else English. */
export const explanationLang = named(z.enum(LOCALES), {
  name: 'ExplanationLanguage',
  description: 'The language of a computation’s explanations.',
  values: { en: 'English.', ko: 'Korean, with Kubernetes and DNS terms as they are written in English.' },
})
  .optional()
  .describe(
    'Language of the explanations (each record\'s rule, the summary and steps, resolv.conf notes): "en" or "ko". Default: the request\'s Accept-Language, else "en". DNS data (names, types, rcodes) is the same in both.',
  );

/** The options of CoreDNS's `kubernetes` plugin and the kubelet that every DNS capability takes. */
export const dnsOptionFields = {
  clusterDomain: z
    .string()
    .max(253)
    .superRefine(kernelRule(clusterDomainProblem))
    .default(DEFAULT_DNS_OPTIONS.clusterDomain)
    .describe(`The cluster domain (kubelet --cluster-domain). Default "${DEFAULT_DNS_OPTIONS.clusterDomain}".`),
  podMode: podMode
    .default(DEFAULT_DNS_OPTIONS.podMode)
    .describe(
      `CoreDNS's \`pods\` setting for <dashed-ip>.<ns>.pod names: ${POD_MODES.join(', ')}. Default "${DEFAULT_DNS_OPTIONS.podMode}", as kubeadm's Corefile.`,
    ),
  ttl: z
    .int()
    .min(0)
    .max(MAX_TTL)
    .default(DEFAULT_DNS_OPTIONS.ttl)
    .describe(`TTL of the records in seconds, 0-${MAX_TTL}. Default ${DEFAULT_DNS_OPTIONS.ttl}, as CoreDNS.`),
};

/** A DNS name to ask; the description says how the capability reads it. */
export const dnsName = (description: string) =>
  z
    .string()
    .min(1)
    .max(254)
    .superRefine(kernelRule((name) => nameProblem(absoluteName(name.trim()))))
    .describe(description);

/** The query type, in any ASCII case ("aaaa" is AAAA), A unless given. Only ASCII letters are raised, as
 * every enum-like value is read (any-case.ts): toUpperCase also raised `\u017Frv` (the long s) to SRV. */
export const queryType = named(
  z
    .string()
    .transform((t) => t.replace(/[a-z]/g, (c) => c.toUpperCase()))
    .pipe(z.enum(QUERY_TYPES))
    .meta({ enum: [...QUERY_TYPES] }),
  {
    name: 'DnsQueryType',
    description: 'A DNS query type.',
    values: Object.fromEntries(
      QUERY_TYPES.map((t) => [
        t,
        ['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT', 'NS', 'SOA'].includes(t)
          ? `${t} records.`
          : `${t}: CoreDNS's kubernetes plugin serves no such records; the answer says whether the name exists.`,
      ]),
    ),
  },
)
  .default('A')
  .describe(`The query type: ${QUERY_TYPES.join(', ')}. Default A.`);
