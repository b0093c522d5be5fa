/**
 * Search over disclosures with Chinese word segmentation. Neither PGlite nor PostgreSQL has a Chinese
 * text parser, so the application segments: Intl.Segmenter (ICU's dictionary) splits the masked record
 * into words, stored space-separated in `disclosures.search_text`, their character pairs in `search_keys` (GIN);
 * a query is segmented the same way and every one of its words must occur in that text.
 *
 * Only the masked record is ever segmented (G-3): the search index holds nothing the portal does not show.
 */
import type { DisclosureRecord } from './disclosureRecord.js';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const LATIN_DIGIT_RUN = /[0-9a-z]+/g;
const NUMBER = /^[0-9][0-9,.]*$/;
const HAN = /^\p{Script=Han}+$/u;

/**
 * The words of a text, lower-cased, in order of first appearance, without repeats: ICU's word-like
 * segments (full-width letters and digits folded to ASCII first); a number with thousands separators
 * also without them (20,000.00 → 20000.00); the runs of ASCII letters and digits inside a segment that
 * mixes them with other characters.
 */
export function segmentWords(text: string): string[] {
  return [...wordsOf(text, false)];
}

function wordsOf(text: string, joinNeighbours: boolean): Set<string> {
  const words = new Set<string>();
  const folded = text.normalize('NFKC').toLowerCase();
  let previous: string | undefined;
  for (const s of segmenter.segment(folded)) {
    const word = s.isWordLike ? s.segment.trim() : '';
    if (!word) {
      previous = undefined;
      continue;
    }
    words.add(word);
    if (NUMBER.test(word)) {
      if (word.includes(',')) words.add(word.replaceAll(',', ''));
    } else {
      for (const run of word.match(LATIN_DIGIT_RUN) ?? []) words.add(run);
    }
    const han = HAN.test(word);
    if (joinNeighbours && han && previous) words.add(previous + word);
    previous = han ? word : undefined;
  }
  return words;
}

/** The record's fields a citizen may search for (all of them public and masked); codes and dates are left out. */
export function searchableFields(record: DisclosureRecord): string[] {
  return [
    record.agencyName,
    record.categoryLabel,
    record.partyName,
    record.partyCode,
    record.legalRepresentative,
    record.instrumentName,
    record.instrumentNumber,
    record.title,
    record.facts,
    record.violatedProvision,
    record.legalBasis,
    record.conclusion,
  ];
}

/** Brackets a document number is written with: 〔2026〕, [2026], ［2026］, 【2026】, (2026), （2026）. */
const BRACKETS = /[〔［【（(﹝]|[〕］】）)﹞]/g;
const NUMBER_LIKE = /\d.*[〔〕[\]［］【】()（）﹝﹞]|[〔〕[\]［］【】()（）﹝﹞].*\d/;

/**
 * A document number as one search word, however its brackets are written and spaced:
 * 示应急罚〔2026〕12号 and 示应急罚 [2026] 12号 both give 示应急罚[2026]12号.
 */
export function documentNumberKey(number: string): string {
  return number
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(BRACKETS, (b) => ('〔［【（(﹝['.includes(b) ? '[' : ']'));
}

/**
 * What is stored in `disclosures.search_text` for a published record: its words, space-separated, and
 * each pair of neighbouring Chinese words joined. ICU splits by context, so a query's word may straddle
 * two words of the record (罚款 in 并处罚款 → 并|处罚|款); the joined pair (处罚款) still contains it.
 * The instrument number is added whole (documentNumberKey), so it can be looked up exactly.
 */
export function searchTextOf(record: DisclosureRecord): string {
  const words = wordsOf(searchableFields(record).filter(Boolean).join('\n'), true);
  if (record.instrumentNumber.trim()) words.add(documentNumberKey(record.instrumentNumber));
  return [...words].join(' ');
}

/** At most this many words of a query are used (each one is a condition on the search text). */
export const MAX_QUERY_TERMS = 10;

/**
 * The words a query must all match, segmented like the stored text; a part of the query between
 * spaces that looks like a document number (digits and brackets) stays whole (documentNumberKey);
 * a word contained in another word of the query is dropped (it adds no condition).
 *
 * A single Chinese character that ICU split off a word it does not know (兽药 → 兽|药, 扬尘 → 扬|尘,
 * 成品油 → 成品|油) is searched together with the character next to it in the query (兽药, 品油), not
 * anywhere in the record: alone it would match nearly every record, and it has no index key. The pair
 * is always in the stored text when the record has the two characters side by side, because the
 * stored text joins neighbouring words (searchTextOf).
 */
export function queryTerms(q: string): string[] {
  const words = new Set<string>();
  for (const part of q.normalize('NFKC').split(/\s+/)) {
    if (NUMBER_LIKE.test(part)) words.add(documentNumberKey(part));
    else for (const w of withNeighbours(segmentWords(part), part)) words.add(w);
  }
  const all = [...words];
  return all
    .filter((w, i) => !all.some((other, j) => j !== i && other.length > w.length && other.includes(w)))
    .slice(0, MAX_QUERY_TERMS);
}

/**
 * Each single Han character of `words` (the segments of `part`, in order) that stands next to another:
 * two such characters side by side become one pair (扬|尘|整|改 → 扬尘, 整改); one next to a longer word
 * is paired with that word's neighbouring character (成品|油 → 品油).
 */
function withNeighbours(words: string[], part: string): string[] {
  const folded = part.toLowerCase();
  const at = (() => {
    let from = 0;
    return words.map((w) => {
      const i = folded.indexOf(w, from);
      if (i >= 0) from = i + w.length;
      return i;
    });
  })();
  const single = (k: number) =>
    (at[k] ?? -1) >= 0 && Array.from(words[k] ?? '').length === 1 && HAN.test(words[k] ?? '');
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as string;
    const i = at[k] as number;
    if (!single(k)) {
      out.push(w);
      continue;
    }
    if (single(k + 1) && at[k + 1] === i + w.length) {
      out.push(w + words[k + 1]);
      k++;
      continue;
    }
    const before = Array.from(folded.slice(0, i)).at(-1);
    const after = Array.from(folded.slice(i + w.length))[0];
    out.push(after && HAN.test(after) ? w + after : before && HAN.test(before) ? before + w : w);
  }
  return out;
}

/**
 * The year and serial of a document number as stored and searched (documentNumberKey: 示应急罚[2026]12号 →
 * [2026]12), where a character that is not a digit follows the serial: only then is the serial whole in
 * the query as in every record that contains it.
 */
const DOCUMENT_SERIAL = /\[[0-9]+\][0-9]+(?=[^0-9])/g;

/**
 * The index keys a query word needs: every two neighbouring characters of it, and a document number's
 * year and serial ([2026]12, DOCUMENT_SERIAL). The stored record has the same keys of every stored word
 * (searchKeysOfText), so a record containing the word has all of them; LIKE then confirms the word
 * itself. Each pair of a document number (罚[, [2, ]1, 2号) is in a large share of all records, its year
 * and serial in a few dozen. A one-character word gives no key (LIKE alone). Characters are code points.
 */
export function searchKeysOf(term: string): string[] {
  const chars = Array.from(term);
  const keys = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) keys.add(`${chars[i]}${chars[i + 1]}`);
  for (const [serial] of term.matchAll(DOCUMENT_SERIAL)) keys.add(serial);
  return [...keys];
}

/** What is stored in `disclosures.search_keys` (GIN-indexed): the keys of every word of the stored search text. */
export function searchKeysOfText(searchText: string): string[] {
  const keys = new Set<string>();
  for (const word of searchText.split(' ')) for (const k of searchKeysOf(word)) keys.add(k);
  return [...keys];
}

/**
 * The key of the month a record was published in (@2026-11 for 2026-11-30), stored with the keys of its
 * words: a search with many hits asks the index for those of the last few months first, and so reads a
 * few hundred records instead of every hit to find the newest twenty. No word's key is ever one (those
 * are pairs of characters and document serials).
 */
export const publishedMonthKey = (publishedOn: string) => `@${publishedOn.slice(0, 7)}`;

/** The two search columns of a record published on `publishedOn`: its words, their keys and its month's key. */
export function searchColumnsOf(
  record: DisclosureRecord,
  publishedOn: string,
): { searchText: string; searchKeys: string[] } {
  const searchText = searchTextOf(record);
  return { searchText, searchKeys: [...searchKeysOfText(searchText), publishedMonthKey(publishedOn)] };
}
