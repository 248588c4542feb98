// Argument schemas several tools share, so they read and validate the same everywhere.
import { z } from 'zod';
import { QUERY_TYPES } from '../../k8s/dns';
import { LOCALES } from '../../knowledge/types';
import { MAX_TOOL_CHARS, MIN_TOOL_CHARS } from '../tool';

export const lang = z
  .enum(LOCALES)
  .optional()
  .describe(
    'Language of the answer: "en" or "ko". Default: for search_concepts, the language each result matched in; for get_context, Korean when the question contains Hangul, else English; for the other tools, English.',
  );

export const slug = z
  .string()
  .min(1)
  .max(100)
  .describe(
    'A concept slug as search_concepts returns it, e.g. "headless-service", "readiness-probe", "pod-anti-affinity".',
  );

export const manifests = z
  .string()
  .min(1)
  .max(1024 * 1024)
  .describe(
    'Kubernetes manifests as `kubectl get -o yaml` prints them: YAML (several documents separated by ---) or JSON, objects or Lists. ' +
      'They describe the whole (small) cluster: what is not in them does not exist. EndpointSlices given for a Service are used ' +
      'as they are; otherwise they are derived from the given Pods (Ready condition, labels, podIP).',
  );

/** A DNS name as a tool takes it; the description says how this tool reads it. */
export const dnsName = (description: string) => z.string().min(1).max(300).describe(description);

export const queryType = z.enum(QUERY_TYPES).default('A').describe('The query type. Default "A".');

/** The options of CoreDNS's kubernetes plugin and the kubelet that the DNS tools take. */
export const dnsOptionShape = {
  clusterDomain: z
    .string()
    .max(253)
    .optional()
    .describe('The cluster domain (kubelet --cluster-domain). Default "cluster.local".'),
  podMode: z
    .enum(['insecure', 'verified', 'disabled'])
    .optional()
    .describe('CoreDNS\'s `pods` setting for <dashed-ip>.<ns>.pod names. Default "insecure", as kubeadm\'s Corefile.'),
  ttl: z.number().int().min(0).max(3600).optional().describe('TTL of the records in seconds. Default 5, as CoreDNS.'),
};

/** The `maxChars` argument of a tool whose answer is cut to fit, with its own default. */
export const maxChars = (fallback: number) =>
  z
    .number()
    .int()
    .min(MIN_TOOL_CHARS)
    .max(MAX_TOOL_CHARS)
    .default(fallback)
    .describe(
      `Most characters to return (${MIN_TOOL_CHARS}-${MAX_TOOL_CHARS}, default ${fallback}); longer output is cut with a note.`,
    );
