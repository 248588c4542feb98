// Korean term normalisation. Korean attaches particles (josa) and endings (eomi) to words, writes
// compounds with or without spaces ("엔드포인트 슬라이스" / "엔드포인트슬라이스"), and transliterates
// English terms in several spellings ("스케줄링" / "스케쥴링"). The index therefore strips common
// suffixes and adds character bigrams over spacing-free runs; typo matching compares words letter
// by letter (see indexKey in analyze.ts).

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/;

/** Whether the text contains a precomposed Hangul syllable (가–힣) anywhere. */
export const hasHangul = (text: string): boolean => HANGUL_SYLLABLE.test(text);

// Suffixes removed from the end of a word; the longest that fits wins. Multi-syllable endings are
// unambiguous enough to strip from any word; single-syllable particles (이, 가, 로, …) also end
// ordinary nouns ("프로", "게이트웨이"), so callers keep the unstripped form as well.
export const KOREAN_SUFFIXES: readonly string[] = [
  // verb endings after a Sino-Korean noun (재시작돼요, 실패하면, 접근하려면)
  '하려면',
  '되려면',
  '했는데',
  '됐는데',
  '되나요',
  '하나요',
  '합니다',
  '됩니다',
  '해야',
  '하면',
  '되면',
  '하는',
  '되는',
  '하고',
  '되고',
  '하지',
  '되지',
  '해서',
  '돼서',
  '해도',
  '돼도',
  '했다',
  '됐다',
  '한다',
  '된다',
  '하다',
  '되다',
  '해요',
  '돼요',
  '했을',
  '됐을',
  '시키는',
  '시키면',
  '할',
  '될',
  '해',
  '돼',
  '함',
  '됨',
  // spoken endings of a verb (죽어요, 쫓겨났어요, 않아서), as people describe a symptom
  '었어요',
  '았어요',
  '였어요',
  '었는데',
  '았는데',
  '거든요',
  '는데요',
  '어요',
  '아요',
  '여요',
  '어서',
  '아서',
  '네요',
  // copula and question endings (무엇인가요, 파드란, 헤드리스야)
  '이라는',
  '이라고',
  '인가요',
  '인데요',
  '입니다',
  '이에요',
  '예요',
  '이란',
  '인가',
  '인데',
  '이야',
  '라는',
  '라고',
  '이다',
  '란',
  '야',
  '요',
  '죠',
  '나요',
  '까요',
  '려면',
  '는데',
  '줘',
  // particles, alone and combined (에서는, 으로는, 들이)
  '에서는',
  '에서도',
  '에서의',
  '으로는',
  '으로도',
  '으로의',
  '에게서',
  '까지는',
  '부터는',
  '이랑',
  '에서',
  '에게',
  '한테',
  '으로',
  '까지',
  '부터',
  '보다',
  '처럼',
  '마다',
  '에는',
  '에도',
  '에만',
  '와는',
  '과는',
  '로는',
  '로도',
  '이나',
  '이든',
  '들이',
  '들은',
  '들을',
  '들의',
  '들도',
  '들에',
  '들과',
  '들로',
  '들',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '로',
  '와',
  '과',
  '도',
  '만',
  '랑',
  '나',
];

/** Question words and fillers that say nothing about the topic ("뭘", "어떻게"). */
export const KOREAN_STOP_WORDS: ReadonlySet<string> = new Set([
  '뭘',
  '뭐',
  '뭐가',
  '뭐야',
  '뭔가요',
  '뭔가',
  '뭔지',
  '무엇',
  '무엇인가',
  '무슨',
  '어떤',
  '어떻게',
  '어떻',
  '왜',
  '언제',
  '어디',
  '어디서',
  '어느',
  '누가',
  '누구',
  '얼마나',
  '그리고',
  '또는',
  '그런데',
  '근데',
  '그래서',
  '이',
  '그',
  '저',
  '것',
  '거',
  '게',
  '수',
  '등',
  '및',
  '때',
  '좀',
  '잘',
  '더',
  '또',
  '다',
  '안',
  '못',
  '있어',
  '있나',
  '있나요',
  '있어요',
  '있는',
  '있다',
  '없어',
  '없어요',
  '없는',
  '없다',
  '하나',
  '대해',
  '대해서',
  '관련',
  '설명',
  '알려줘',
  '알려주세요',
  '방법',
  '하는법',
  '법',
  '차이',
  '차이점',
  '뜻',
  '의미',
  '경우',
  '때문',
  '때문에',
  '쿠버네티스',
  // how often or how suddenly something happens, which says nothing about what happens
  '갑자기',
  '자꾸',
  '계속',
  '계속해서',
  '가끔',
  '자주',
  '항상',
  '맨날',
  '아직',
  '아직도',
  '방금',
  '결국',
  // light verbs of a symptom ("에러가 나와요", "안 돼요", "됐어요"): the noun before them is the topic
  '됐어',
  '됐',
  '됨',
  '안돼',
  '안되',
  '안됨',
  '나와',
  '나옴',
  '나요',
  '않',
  '않는',
  '않고',
  '않음',
  '해야',
  '돼',
  '되',
  '하',
  '해',
  '는',
  '가',
  '에서',
  '지정',
]);

// Loanwords people spell otherwise than the Korean Kubernetes docs, and too short for typo
// matching to find (a one- or two-syllable word gets no fuzzy lookup): "팟이 안 떠요" is about Pods.
const LOANWORD_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['팟', '파드'],
  ['포드', '파드'],
]);

const SUFFIX_SET: ReadonlySet<string> = new Set(KOREAN_SUFFIXES);
const LONGEST_SUFFIX = Math.max(...KOREAN_SUFFIXES.map((x) => x.length));

/** Whether the whole token is a particle or ending ("에서" in "DNS에서", a detached "으로"). */
export const isKoreanSuffix = (token: string): boolean => SUFFIX_SET.has(token);

/** Strips the longest common particle or ending; never leaves less than one syllable. */
export function stripKoreanSuffix(word: string): string {
  for (let len = Math.min(LONGEST_SUFFIX, word.length - 1); len >= 1; len--) {
    // A one-syllable particle needs a stem of two syllables ("프로" stays, "파드가" → "파드").
    if (len === 1 && word.length < 3) break;
    if (SUFFIX_SET.has(word.slice(word.length - len))) return word.slice(0, word.length - len);
  }
  return word;
}

/**
 * A loanword spelled another way, alone or with a particle or ending ("팟이", "포드를"): the part
 * spelled so and the docs' spelling of it. Only whole words: "스팟" is not a Pod.
 */
export function loanwordOf(word: string): { stem: string; spelling: string } | undefined {
  for (const [variant, spelling] of LOANWORD_SPELLINGS) {
    const rest = word.slice(variant.length);
    if (word.startsWith(variant) && (!rest || SUFFIX_SET.has(rest))) return { stem: variant, spelling };
  }
  return undefined;
}
