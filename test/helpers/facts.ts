// What the notes took from their two blog sources, added as an edit would add it: a statement from
// the blog their author doubted (a DISPUTED source) and one from a blog never checked (UNVERIFIED).
import type { Knowledge } from '../../src/knowledge/service';

export const DISPUTED_URL = 'https://malgogi-developer.tistory.com/32';
export const UNVERIFIED_URL = 'https://itchain.wordpress.com/2018/05/16/kubernetes-resource-request-limit/';

/** Adds to pod-scheduling a fact whose only source is the DISPUTED blog. */
export async function addDisputedFact(knowledge: Knowledge): Promise<void> {
  await knowledge.addFact(
    { name: 'test' },
    {
      slug: 'pod-scheduling',
      key: 'test-blog-three-filters',
      reference: 'blog-malgogi-scheduling',
      statements: {
        en: 'The conditions for placing a Pod on a node fall into three filters: the volume filter, the resource filter and the topology filter.',
        ko: '파드가 특정 노드에 선점되기 위한 조건은 볼륨 필터, 리소스 필터, 토폴로지 필터 세 가지로 나뉜다.',
      },
    },
  );
}

/** Adds to resource-requests-limits a fact whose only source is the UNVERIFIED blog. */
export async function addUnverifiedFact(knowledge: Knowledge): Promise<void> {
  await knowledge.addFact(
    { name: 'test' },
    {
      slug: 'resource-requests-limits',
      key: 'test-blog-request-reserved',
      reference: 'blog-itchain-request-limit',
      statements: {
        en: 'A container request is the amount the scheduler reserves for it on a node, and its limit is the most it may use.',
        ko: '컨테이너의 request는 스케줄러가 노드에서 예약해 두는 양이고, limit은 컨테이너가 쓸 수 있는 최대치다.',
      },
    },
  );
}
