// The explanation the kernel's computations carry (src/k8s/explanation.ts), as an output schema: a
// summary and steps, each in English and Korean, each step naming its rule and where it comes from.
import { z } from 'zod';
import { named } from '../capability';

/** A sentence in English and Korean. */
export const bilingual = named(
  z.object({
    en: z.string().describe('In English.'),
    ko: z.string().describe('In Korean.'),
  }),
  { name: 'BilingualText', description: 'A sentence in English and Korean.' },
);

const step = named(
  z.object({
    rule: z.string().describe('The rule applied, as a stable name (`taint-toleration`, `base64-is-not-encryption`).'),
    source: z.string().optional().describe('Where the rule comes from: the Kubernetes source file or document.'),
    object: z.string().optional().describe('The object the step is about, when it is about one.'),
    field: z.string().optional().describe('The field the step is about, when it is about one.'),
    text: bilingual.describe('What the step did.'),
  }),
  { name: 'ExplanationStep', description: 'One step of an explanation: the rule, its source, and what it did.' },
);

/** Why a computed answer is what it is. */
export const explanation = named(
  z.object({
    summary: bilingual.describe('The answer in one sentence.'),
    steps: z.array(step).describe('The steps behind it, in order.'),
  }),
  { name: 'Explanation', description: 'Why a computed answer is what it is: a summary and the steps behind it.' },
);
