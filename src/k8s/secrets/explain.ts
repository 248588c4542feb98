// The explanation of a built Secret: where each key came from, what the type and name mean, and that
// base64 is an encoding, not encryption. It never contains a value.
import type { Explanation, ExplanationStep } from '../explanation';
import type { Built } from './build';

const KUBECTL = 'k8s.io/kubectl pkg/cmd/create/create_secret.go';

/** Base64 is encoding, not encryption: said in every Secret answer. */
export const BASE64_IS_NOT_ENCRYPTION: ExplanationStep = {
  rule: 'base64-is-encoding',
  source: 'https://kubernetes.io/docs/concepts/configuration/secret/',
  text: {
    en:
      'Values under `data` are base64-encoded so that any bytes fit in JSON and YAML. Base64 is an encoding, ' +
      'not encryption: anyone who can read the Secret can decode it (`base64 -d`). Protect Secrets with RBAC ' +
      'and encryption at rest.',
    ko:
      '`data` 아래의 값은 어떤 바이트든 JSON과 YAML에 담을 수 있도록 base64로 인코딩된다. base64는 암호화가 아니라 ' +
      '인코딩일 뿐이므로 시크릿을 읽을 수 있는 사람은 누구나 값을 디코딩할 수 있다(`base64 -d`). RBAC와 저장 시 ' +
      '암호화로 시크릿을 보호해야 한다.',
  },
};

function origin(o: Built['origins'][number]): ExplanationStep {
  const where = o.line ? `${o.from} line ${o.line}` : o.from;
  return {
    rule: 'key-from-source',
    source: KUBECTL,
    field: `data.${o.key}`,
    text: {
      en: `Key \`${o.key}\` (${o.bytes} bytes) comes from ${where}.`,
      ko: `키 \`${o.key}\`(${o.bytes}바이트)는 ${where}에서 왔다.`,
    },
  };
}

function typeStep(type: string): ExplanationStep {
  if (!type) {
    return {
      rule: 'type-defaulted-by-server',
      source: KUBECTL,
      field: 'type',
      text: {
        en: 'No `type` is printed: kubectl leaves it empty, and the API server stores the Secret as `Opaque`.',
        ko: '`type`이 출력되지 않는다. kubectl은 비워 두고, API 서버가 시크릿을 `Opaque`로 저장한다.',
      },
    };
  }
  return {
    rule: 'type',
    field: 'type',
    text: { en: `The Secret's type is \`${type}\`.`, ko: `시크릿의 타입은 \`${type}\`이다.` },
  };
}

const HASH_STEP: ExplanationStep = {
  rule: 'append-hash',
  source: 'k8s.io/kubectl pkg/util/hash/hash.go SecretHash',
  field: 'metadata.name',
  text: {
    en:
      '--append-hash added a suffix: the first 10 hex digits of the SHA-256 of the JSON {data, kind, name, type}, ' +
      'with 0, 1, 3, a and e replaced by g, h, k, m and t. Any change to the data gives a new name.',
    ko:
      '--append-hash가 이름 뒤에 접미사를 붙였다. {data, kind, name, type} JSON의 SHA-256 앞 16진수 10자리에서 ' +
      '0, 1, 3, a, e를 g, h, k, m, t로 바꾼 값이다. 데이터가 바뀌면 이름도 바뀐다.',
  },
};

const PRINT_STEP: ExplanationStep = {
  rule: 'kubectl-printing',
  source: 'k8s.io/cli-runtime pkg/printers (JSONPrinter, YAMLPrinter); kubernetes PR #130989',
  text: {
    en:
      'Printed as kubectl v1.34 and later print it: -o json keeps the struct order (kind, apiVersion, metadata, ' +
      'data, type), -o yaml sorts keys; `creationTimestamp: null` is no longer printed (v1.33 and earlier print it).',
    ko:
      'kubectl v1.34 이상이 출력하는 그대로다. -o json은 구조체 순서(kind, apiVersion, metadata, data, type)를, ' +
      '-o yaml은 정렬된 키 순서를 따른다. `creationTimestamp: null`은 더 이상 출력되지 않는다(v1.33 이하는 출력한다).',
  },
};

/** Why the Secret looks the way it does. */
export function explainBuilt(b: Built, command: string): Explanation {
  const { name, type, data } = b.secret;
  return {
    summary: {
      en: `\`${command}\` builds Secret \`${name}\` with ${data.size} key(s); nothing is sent to a cluster with --dry-run=client.`,
      ko: `\`${command}\`는 키 ${data.size}개를 가진 시크릿 \`${name}\`을 만든다. --dry-run=client이므로 클러스터에는 아무것도 보내지 않는다.`,
    },
    steps: [
      ...b.origins.map(origin),
      typeStep(type),
      ...(b.hashed ? [HASH_STEP] : []),
      BASE64_IS_NOT_ENCRYPTION,
      PRINT_STEP,
    ],
  };
}
