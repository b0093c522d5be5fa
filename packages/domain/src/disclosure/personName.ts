/**
 * 脱敏 of natural persons' names for public disclosure (G-3, seed 002: 执法对象（个人隐去真实姓名）).
 *
 * Rule (default style `byLength`):
 * - the surname is kept, each character of the given name becomes 某, at most two:
 *   张三 → 张某, 张三丰 → 张某某, 陈李秀英 → 陈某某, 张 → 张某 (a one-character name is taken as a surname);
 * - a compound surname (COMPOUND_SURNAMES) is kept whole when the name has at least three characters:
 *   欧阳娜娜 → 欧阳某某, 诸葛亮 → 诸葛某; a two-character name is always surname + given name (欧阳 → 欧某);
 * - a name written with a separating dot (少数民族 or foreign names in Chinese: 阿卜杜热西提·买买提,
 *   爱新觉罗·启星, also with ・ • ‧ ･ ． ∙ ⋅ . as the dot) keeps only its first character + 某某
 *   (阿某某, 爱某某): which part is the family name differs between naming traditions, so no part is kept;
 * - a name not starting with a Chinese character (Latin script) keeps its first letter, upper-cased, + **:
 *   John Smith → J**, ahmed → A**;
 * - surrounding whitespace is trimmed (also the ideographic space), whitespace inside a Chinese name is dropped.
 *
 * The other styles a region may choose: `surnameMou` (always 张某 / 欧阳某 / 阿某) and `surnameMouMou`
 * (always 张某某 / 欧阳某某 / 阿某某, which also hides the given name's length).
 */

export const NAME_STYLES = ['byLength', 'surnameMou', 'surnameMouMou'] as const;
export type NameStyle = (typeof NAME_STYLES)[number];
export const NAME_STYLE_LABELS: Record<NameStyle, string> = {
  byLength: '保留姓氏，名字每字以“某”代替，至多两字（张三→张某，张三丰→张某某）',
  surnameMou: '保留姓氏，名字一律以一个“某”代替（张三丰→张某）',
  surnameMouMou: '保留姓氏，名字一律以“某某”代替（张三→张某某）',
};

/** 复姓 kept whole (百家姓's compound surnames plus the common Xianbei / Manchu ones still in use). */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '夏侯',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '东郭',
  '万俟',
  '闻人',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '太史',
  '申屠',
  '轩辕',
  '钟离',
  '呼延',
  '赫连',
  '拓跋',
  '百里',
  '淳于',
  '鲜于',
  '闾丘',
  '公羊',
  '梁丘',
  '左丘',
  '谷梁',
  '第五',
  '乐正',
  '巫马',
  '漆雕',
  '亓官',
  '司寇',
  '仲孙',
  '叔孙',
  '公西',
  '颛孙',
  '子车',
  '段干',
  '夹谷',
  '宰父',
  '壤驷',
  '公良',
  '羊舌',
  '微生',
];

/** The middle dot of transliterated names and the look-alikes people type for it. */
export const NAME_SEPARATORS = '\u00B7\u30FB\u2022\u2027\uFF65\uFF0E\u2219\u22C5\u0387\u2E31\u318D.';
const SEPARATOR_CLASS = `[${NAME_SEPARATORS.replace(/[.\]\\^-]/g, '\\$&')}]`;
const SEPARATOR_RE = new RegExp(SEPARATOR_CLASS, 'u');
const HAN_RE = /\p{Script=Han}/u;
const LETTER_RE = /\p{L}/u;

function mou(givenLength: number, style: NameStyle): string {
  if (style === 'surnameMou') return '某';
  if (style === 'surnameMouMou') return '某某';
  return '某'.repeat(Math.min(Math.max(givenLength, 1), 2));
}

function isHanName(s: string): boolean {
  return HAN_RE.test(Array.from(s)[0] ?? '');
}

/** Surname and given name of a Chinese name written without a dot (characters, not UTF-16 units). */
export function splitChineseName(name: string): { surname: string; given: string } {
  const chars = Array.from(name.replace(/\s+/g, ''));
  const two = chars.slice(0, 2).join('');
  const surnameLength = chars.length >= 3 && COMPOUND_SURNAMES.includes(two) ? 2 : 1;
  return { surname: chars.slice(0, surnameLength).join(''), given: chars.slice(surnameLength).join('') };
}

export function maskPersonName(name: string, style: NameStyle = 'byLength'): string {
  const s = name.trim();
  if (!s) return '';
  if (!isHanName(s)) {
    const letter = Array.from(s).find((c) => LETTER_RE.test(c));
    return letter ? `${letter.toUpperCase()}**` : '***';
  }
  const compact = s.replace(/\s+/g, '');
  if (SEPARATOR_RE.test(compact)) return `${Array.from(compact)[0]}${style === 'surnameMou' ? '某' : '某某'}`;
  const { surname, given } = splitChineseName(compact);
  return surname + mou(Array.from(given).length, style);
}

/**
 * How a name can appear in free text, each with what replaces it: `full` forms are the whole name
 * (any dot variant, optional spaces), `part` forms are the given name alone (Chinese names, two
 * characters or more), each dotted segment of two characters or more, or each word of a Latin name.
 * A one-character given name is not searched for alone: it would hit ordinary words.
 */
export interface NameForm {
  kind: 'full' | 'part';
  /** Regular-expression source, used with the `giu` flags. */
  pattern: string;
  replacement: string;
  /** The plain spelling the pattern was built from (for reports). */
  text: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const charsPattern = (s: string, gap: string) => Array.from(s).map(escapeRe).join(gap);
const LATIN_EDGE_BEFORE = '(?<![A-Za-z0-9])';
const LATIN_EDGE_AFTER = '(?![A-Za-z0-9])';

export function personNameForms(name: string, style: NameStyle = 'byLength'): NameForm[] {
  const s = name.trim();
  if (!s) return [];
  const masked = maskPersonName(s, style);
  if (!isHanName(s)) {
    const words = s.split(/\s+/);
    const full: NameForm = {
      kind: 'full',
      pattern: LATIN_EDGE_BEFORE + words.map(escapeRe).join('[\\s\\u3000]+') + LATIN_EDGE_AFTER,
      replacement: masked,
      text: s,
    };
    const parts = words.length < 2 ? [] : words.filter((w) => Array.from(w).length >= 2);
    return [
      full,
      ...parts.map(
        (w): NameForm => ({
          kind: 'part',
          pattern: LATIN_EDGE_BEFORE + escapeRe(w) + LATIN_EDGE_AFTER,
          replacement: maskPersonName(w, style),
          text: w,
        }),
      ),
    ];
  }
  const compact = s.replace(/\s+/g, '');
  if (SEPARATOR_RE.test(compact)) {
    const segments = compact.split(new RegExp(`${SEPARATOR_CLASS}+`, 'u')).filter(Boolean);
    const withDot: NameForm = {
      kind: 'full',
      pattern: segments.map((seg) => charsPattern(seg, '')).join(`\\s?${SEPARATOR_CLASS}\\s?`),
      replacement: masked,
      text: compact,
    };
    const joined: NameForm = { ...withDot, pattern: segments.map((seg) => charsPattern(seg, '')).join('') };
    const parts = segments
      .filter((seg) => Array.from(seg).length >= 2)
      .map((seg): NameForm => ({ kind: 'part', pattern: escapeRe(seg), replacement: mou(2, style), text: seg }));
    return [withDot, joined, ...parts];
  }
  const forms: NameForm[] = [
    { kind: 'full', pattern: charsPattern(compact, '[ \\u3000]?'), replacement: masked, text: compact },
  ];
  const { given } = splitChineseName(compact);
  const givenLength = Array.from(given).length;
  if (givenLength >= 2) {
    forms.push({ kind: 'part', pattern: escapeRe(given), replacement: mou(givenLength, style), text: given });
  }
  return forms;
}
