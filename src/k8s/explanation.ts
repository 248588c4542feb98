// The explanation every computed answer carries: what happened, step by step, each step naming the
// rule and, where it helps, the Kubernetes source it follows and the object and field it is about.
// Text for people comes in English and Korean.

/** A sentence in both languages the API answers in. */
export interface Text {
  en: string;
  ko: string;
}

/** One step of an explanation: the rule applied, where it comes from, and what it did. */
export interface ExplanationStep {
  rule: string;
  source?: string;
  object?: string;
  field?: string;
  text: Text;
}

/** Why an answer is what it is: a summary and the steps behind it. */
export interface Explanation {
  summary: Text;
  steps: ExplanationStep[];
}
