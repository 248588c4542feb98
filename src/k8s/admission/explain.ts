// Why admission answered as it did, in English and Korean: each default filled (which LimitRange, which
// field), the bounds checked, and each quota's charge, with the Kubernetes source each step follows.
import type { Explanation, ExplanationStep } from '../explanation';
import type { AdmissionResult, LimitRange, QuotaUsage } from './model';

const LIMIT_RANGER = 'plugin/pkg/admission/limitranger/admission.go';
const QUOTA = 'staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go';
const POD_EVALUATOR = 'pkg/quota/v1/evaluator/core/pods.go';

interface Context {
  limitRanges: readonly LimitRange[];
  /** `validation`, `LimitRange/<name>` or `ResourceQuota`, when the Pod was refused. */
  refusedBy?: string;
}

function defaultSteps(r: Omit<AdmissionResult, 'explanation'>): ExplanationStep[] {
  const pod = `Pod/${r.pod.metadata.name}`;
  return r.defaults.map((d) => {
    const where = `${d.initContainer ? 'initContainers' : 'containers'}[name=${d.container}].resources.${d.field}.${d.resource}`;
    const what = d.field === 'requests' ? 'defaultRequest' : 'default';
    return {
      rule: 'limitrange-default',
      source: LIMIT_RANGER,
      object: pod,
      field: `spec.${where}`,
      text: {
        en: `Container ${d.container} set no ${d.resource} ${d.field === 'requests' ? 'request' : 'limit'}, so LimitRange ${d.limitRange}'s ${what} filled in ${d.value}.`,
        ko: `컨테이너 ${d.container}에 ${d.resource} ${d.field === 'requests' ? '요청량' : '제한'}이 없어 LimitRange ${d.limitRange}의 ${what} 값 ${d.value}이(가) 채워졌다.`,
      },
    };
  });
}

function limitSteps(ctx: Context): ExplanationStep[] {
  return ctx.limitRanges.map((lr) => {
    const refused = ctx.refusedBy === `LimitRange/${lr.name}`;
    return {
      rule: 'limitrange-bounds',
      source: LIMIT_RANGER,
      object: `LimitRange/${lr.name}`,
      text: refused
        ? {
            en: `The Pod breaks LimitRange ${lr.name}'s min, max or maxLimitRequestRatio, so LimitRanger refuses it with every violation of that LimitRange.`,
            ko: `파드가 LimitRange ${lr.name}의 min, max 또는 maxLimitRequestRatio를 어겨 LimitRanger가 해당 LimitRange의 모든 위반을 담아 거부한다.`,
          }
        : {
            en: `The Pod's requests and limits are within LimitRange ${lr.name}'s bounds (or were not checked after an earlier refusal).`,
            ko: `파드의 요청량과 제한이 LimitRange ${lr.name}의 범위 안에 있다(또는 앞선 거부로 검사되지 않았다).`,
          },
    };
  });
}

function quotaStep(q: QuotaUsage): ExplanationStep {
  const over = q.resources.filter((l) => l.exceeded).map((l) => l.resource);
  const from = q.usedFrom === 'status' ? 'its status.used' : 'the Pods given';
  const fromKo = q.usedFrom === 'status' ? 'status.used' : '주어진 파드들';
  const text = !q.matches
    ? {
        en: `ResourceQuota ${q.name} does not charge this Pod: it tracks no Pod resource, or a scope (${q.scopes.join('; ') || 'none'}) does not match.`,
        ko: `ResourceQuota ${q.name}은(는) 이 파드에 부과하지 않는다: 파드 리소스를 추적하지 않거나 범위(${q.scopes.join('; ') || '없음'})가 맞지 않는다.`,
      }
    : over.length
      ? {
          en: `ResourceQuota ${q.name} charges this Pod; usage counted from ${from} plus the Pod passes hard on ${over.join(', ')}.`,
          ko: `ResourceQuota ${q.name}이(가) 이 파드에 부과되며, ${fromKo}에서 센 사용량에 파드를 더하면 ${over.join(', ')}의 hard를 넘는다.`,
        }
      : {
          en: `ResourceQuota ${q.name} charges this Pod; usage counted from ${from} plus the Pod stays within hard.`,
          ko: `ResourceQuota ${q.name}이(가) 이 파드에 부과되며, ${fromKo}에서 센 사용량에 파드를 더해도 hard 안에 있다.`,
        };
  return {
    rule: 'resourcequota-charge',
    source: q.matches ? QUOTA : POD_EVALUATOR,
    object: `ResourceQuota/${q.name}`,
    text,
  };
}

/** The explanation of one admission. */
export function explain(r: Omit<AdmissionResult, 'explanation'>, ctx: Context): Explanation {
  const name = r.pod.metadata.name;
  const summary = r.allowed
    ? {
        en: `Pod ${name} is admitted${r.defaults.length ? ` with ${r.defaults.length} default(s) filled in by LimitRanger` : ''}.`,
        ko: `파드 ${name}이(가) 승인된다${r.defaults.length ? ` (LimitRanger가 기본값 ${r.defaults.length}개를 채움)` : ''}.`,
      }
    : {
        en: `The API server refuses Pod ${name} (${ctx.refusedBy}): ${r.messages[0]}`,
        ko: `API 서버가 파드 ${name}을(를) 거부한다(${ctx.refusedBy}): ${r.messages[0]}`,
      };
  const validation: ExplanationStep[] =
    ctx.refusedBy === 'validation'
      ? [
          {
            rule: 'requests-within-limits',
            source: 'pkg/apis/core/validation/validation.go',
            text: {
              en: 'After defaulting, a container requests more than its limit, so the Pod is invalid.',
              ko: '기본값을 채운 뒤 컨테이너의 요청량이 제한보다 커서 파드가 유효하지 않다.',
            },
          },
        ]
      : [];
  return { summary, steps: [...defaultSteps(r), ...validation, ...limitSteps(ctx), ...r.quota.map(quotaStep)] };
}
