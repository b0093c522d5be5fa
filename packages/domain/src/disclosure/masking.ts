/**
 * 脱敏 (G-3): what a decision disclosure may show of personal data, applied by the server to every
 * text that leaves for the public portal, the API, the feed and the search index, never by hand.
 *
 * Default rule set (DEFAULT_MASKING_RULE_SET, the seed's: 个人隐去真实姓名; MASKING_RULES in Chinese):
 * - natural persons' names, the party's and every other person's (witnesses, family …) → personName.ts:
 *   张三 → 张某, 张三丰 → 张某某, 欧阳娜娜 → 欧阳某某, 阿卜杜热西提·买买提 → 阿某某, John Smith → J**;
 *   in text, a listed name's given name alone (三丰) is masked too (→ 某某), except inside `keepNames`;
 *   this errs on the side of hiding (王建国's 建国 also turns 建国路 into 某某路), and only listed names
 *   are found: no pattern tells a name from other words, so the caller lists every person of the case;
 * - resident ID numbers (18 digits, also with X, and the old 15-digit ones) and other personal
 *   document numbers after their label (护照号码 …) → HIDDEN (***), whatever their length;
 * - mobile numbers (13808712345, 138 0871 2345, 138-0871-2345, +86 …), landlines (0871-63123456,
 *   (0871)63123456, …转8001, 电话：6312345), QQ and 微信 → ***;
 * - bank card and account numbers (16–19 digits, or grouped in fours, or any 8+ digits after 账号 /
 *   卡号 / 账户), also an organisation's → ***;
 * - e-mail addresses → ***;
 * - a person's home address → its county part + *** (address.ts): a known address wherever it
 *   appears, and any address after 住 / 住址 / 家住 / 现住 / 户籍地 … in text;
 * - kept: an organisation's name and 统一社会信用代码 (an 18-character token is told apart from a
 *   resident ID by both check characters, and by a preceding 信用代码 / 注册号 when both validate),
 *   old 15-digit 注册号, agency names, and the 法定代表人（负责人）of an organisation (it is part of the
 *   organisation's public registration and is shown by 信用中国 penalty disclosures; a region may
 *   mask it with keepLegalRepresentative: false).
 * Not handled here: health information and other sensitive facts in the narrative (no pattern can
 * find them; the disclosure review must), and decisions not to be published at all (minors, secrets).
 */
import type { Party } from '../cases/caseVocabulary.js';
import { isValidResidentId } from '../validation/residentId.js';
import { isValidUscc } from '../validation/uscc.js';
import { addressCountyPart, addressForms, findTextAddresses, HIDDEN, maskAddress } from './address.js';
import { maskPersonName, NAME_STYLE_LABELS, type NameForm, type NameStyle, personNameForms } from './personName.js';

export * from './address.js';
export * from './personName.js';

/** A region's 脱敏规则: each kind of personal data masked or not, and how names are masked. */
export interface MaskingRuleSet {
  maskPersonNames: boolean;
  nameStyle: NameStyle;
  maskIds: boolean;
  maskPhones: boolean;
  maskAddresses: boolean;
  maskBankAccounts: boolean;
  maskEmails: boolean;
  /** Show an organisation's 法定代表人（负责人）unmasked. */
  keepLegalRepresentative: boolean;
}

export const DEFAULT_MASKING_RULE_SET: Readonly<MaskingRuleSet> = Object.freeze({
  maskPersonNames: true,
  nameStyle: 'byLength',
  maskIds: true,
  maskPhones: true,
  maskAddresses: true,
  maskBankAccounts: true,
  maskEmails: true,
  keepLegalRepresentative: true,
});

export interface MaskingRuleText {
  /** What the rule is about, e.g. 自然人姓名. */
  subject: string;
  /** The rule as shown to the public, e.g. on the portal's 脱敏规则 page. */
  rule: string;
}

const SHOWN = '予以公开，不作处理';

/** The rule set in words, in the order a 脱敏规则 page lists them. */
export function describeMaskingRules(rules: MaskingRuleSet = DEFAULT_MASKING_RULE_SET): MaskingRuleText[] {
  const hidden = (what: string) => `${what}全部隐去，以“${HIDDEN}”代替`;
  return [
    {
      subject: '自然人姓名（当事人及证人等其他自然人）',
      rule: rules.maskPersonNames
        ? `${NAME_STYLE_LABELS[rules.nameStyle]}；复姓保留两字（欧阳娜娜→${maskPersonName('欧阳娜娜', rules.nameStyle)}）；` +
          `少数民族及外国人中文译名保留首字（阿卜杜热西提·买买提→${maskPersonName('阿卜杜热西提·买买提', rules.nameStyle)}）；` +
          '外文姓名保留首字母（John Smith→J**）'
        : SHOWN,
    },
    {
      subject: '身份证件号码',
      rule: rules.maskIds ? hidden('公民身份号码（含15位旧号码）、护照等证件号码') : SHOWN,
    },
    {
      subject: '联系方式',
      rule: rules.maskPhones ? hidden('手机号码、固定电话号码及QQ、微信等联系方式') : SHOWN,
    },
    {
      subject: '住址',
      rule: rules.maskAddresses
        ? `自然人住址只保留至县（市、区、旗）一级，其后以“${HIDDEN}”代替（云南省示例县城关镇人民路12号→云南省示例县${HIDDEN}）`
        : SHOWN,
    },
    {
      subject: '银行账号',
      rule: rules.maskBankAccounts ? hidden('银行卡号及银行账号（含法人和其他组织的账号）') : SHOWN,
    },
    { subject: '电子邮箱', rule: rules.maskEmails ? hidden('电子邮箱地址') : SHOWN },
    {
      subject: '法人和其他组织',
      rule: `名称、统一社会信用代码、住所予以公开；法定代表人（负责人）姓名${
        rules.keepLegalRepresentative || !rules.maskPersonNames ? '予以公开' : '按自然人姓名处理'
      }；联系电话、银行账号按上述规则处理`,
    },
  ];
}

/** 脱敏规则 of the default (seed) rule set, for display. */
export const MASKING_RULES: readonly MaskingRuleText[] = describeMaskingRules(DEFAULT_MASKING_RULE_SET);

/** The personal data known to be in a text (from the case), and what must be shown as is. */
export interface PersonalData {
  /** Natural persons' names: the party, witnesses, family members … */
  personNames?: string[];
  /** Resident ID and other personal document numbers. */
  ids?: string[];
  phones?: string[];
  /** Natural persons' home addresses. */
  addresses?: string[];
  /** Shown unchanged (organisation and agency names, credit codes, a kept 法定代表人): given names are not masked inside them. */
  keepNames?: string[];
}

export function mergePersonalData(...parts: PersonalData[]): PersonalData {
  const join = (key: keyof PersonalData) => [...new Set(parts.flatMap((p) => p[key] ?? []).filter((v) => v.trim()))];
  return {
    personNames: join('personNames'),
    ids: join('ids'),
    phones: join('phones'),
    addresses: join('addresses'),
    keepNames: join('keepNames'),
  };
}

/** The personal data a party brings into the texts of its case, and the names to keep. */
export function personalDataOf(party: Party, rules: MaskingRuleSet = DEFAULT_MASKING_RULE_SET): PersonalData {
  if (party.type === 'person') {
    return mergePersonalData({
      personNames: [party.name],
      ids: [party.idNumber],
      phones: [party.phone],
      addresses: [party.address],
    });
  }
  const keepRep = rules.keepLegalRepresentative;
  return mergePersonalData({
    personNames: keepRep ? [] : [party.legalRepresentative],
    phones: [party.phone],
    keepNames: [party.name, party.idNumber, ...(keepRep ? [party.legalRepresentative] : [])],
  });
}

/**
 * The party as a disclosure shows it. A person: masked name, no ID number, no phone, the address
 * down to the county level. An organisation: name, credit code and registered address (住所) as
 * registered, the 法定代表人 kept (keepLegalRepresentative), no phone (it is often a person's mobile).
 */
export function maskParty(party: Party, rules: MaskingRuleSet = DEFAULT_MASKING_RULE_SET): Party {
  const name = (n: string) => (rules.maskPersonNames ? maskPersonName(n, rules.nameStyle) : n);
  const phone = rules.maskPhones ? '' : party.phone;
  if (party.type === 'person') {
    return {
      type: party.type,
      name: name(party.name),
      idNumber: rules.maskIds ? '' : party.idNumber,
      address: rules.maskAddresses ? addressCountyPart(party.address) : party.address,
      phone,
      legalRepresentative: name(party.legalRepresentative),
    };
  }
  return {
    ...party,
    phone,
    legalRepresentative: rules.keepLegalRepresentative ? party.legalRepresentative : name(party.legalRepresentative),
  };
}

// ---------------------------------------------------------------------------------------------
// Patterns shared by the masker and the leak detector.

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';
const GAP = '[ \\u3000-]';
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;
const TOKEN18_RE = new RegExp(`${NOT_ALNUM_BEFORE}[0-9A-Za-z]{18}${NOT_ALNUM_AFTER}`, 'gu');
const TOKEN15_RE = new RegExp(`${NOT_ALNUM_BEFORE}\\d{15}${NOT_ALNUM_AFTER}`, 'gu');
const LABELLED_ID_RE =
  /(?<=(?:护照|通行证|(?<!执法(?:人员)?)证件|驾驶证|社会保障|军官证|居住证)(?:号码|号)?(?:为|是)?[:：]?[ \u3000]*)[A-Za-z0-9]{5,20}(?![0-9A-Za-z])/gu;
const BANK_RE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:\\d{16,19}|\\d{4}(?:${GAP}\\d{4}){3}(?:${GAP}?\\d{1,3})?)${NOT_ALNUM_AFTER}`,
  'gu',
);
const LABELLED_BANK_RE = new RegExp(
  `(?<=(?:银行卡号|银行账号|银行账户|开户账号|账号|账户|卡号)(?:为|是)?[:：]?[ \\u3000]*)\\d(?:${GAP}?\\d){7,29}${NOT_ALNUM_AFTER}`,
  'gu',
);
const MOBILE_RE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:[（(]?(?:\\+|00)?86[）)]?${GAP}?)?1[3-9]\\d(?:${GAP}?\\d){8}${NOT_ALNUM_AFTER}`,
  'gu',
);
const LANDLINE_RE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:[（(]0\\d{2,3}[）)]${GAP}?|0\\d{2,3}${GAP}?)\\d{7,8}(?:(?:-|转)\\d{1,6})?${NOT_ALNUM_AFTER}`,
  'gu',
);
const LABELLED_PHONE_RE =
  /(?<=(?:联系电话|电话|手机|座机|固话|联系方式|Tel|TEL|tel)(?:号码)?(?:为|是)?[:：]?[ \u3000]*)\d{7,8}(?:(?:-|转)\d{1,6})?(?![0-9A-Za-z])/gu;
const QQ_RE = /(?<=(?:QQ|qq|ＱＱ)(?:号码|号)?(?:为|是)?[:：]?[ \u3000]*)\d{5,12}(?!\d)/gu;
const WECHAT_RE = /(?<=微信(?:号码|号)?(?:为|是)?[:：]?[ \u3000]*)[A-Za-z0-9][-_A-Za-z0-9]{4,19}(?![-_A-Za-z0-9])/gu;
const ORG_CODE_CONTEXT_RE = /(?:信用代码|注册号|组织机构代码|纳税人识别号|税号|代码)(?:为|是)?[:：]?[ \u3000]*$/u;

type TokenKind = 'residentId' | 'orgCode' | 'other';

/**
 * An 18-character token: a resident ID (hidden) or an organisation's credit code (kept). When both
 * check characters pass, the words before it decide, a resident ID by default; an ID-shaped token
 * that passes neither is taken for a mistyped resident ID unless it follows 信用代码 / 注册号.
 */
function classify18(token: string, before: string): TokenKind {
  const t = token.toUpperCase();
  const idShaped = /^\d{17}[\dX]$/.test(t);
  const id = idShaped && isValidResidentId(t);
  const uscc = isValidUscc(t);
  const orgContext = ORG_CODE_CONTEXT_RE.test(before);
  if (uscc && (!id || orgContext)) return 'orgCode';
  if (id) return 'residentId';
  if (orgContext) return 'orgCode';
  return idShaped ? 'residentId' : 'other';
}

/** An old 15-digit resident ID: region code, then a real date 19YYMMDD, then 3 digits. */
function isOldResidentId(token: string): boolean {
  if (!/^[1-8]\d{14}$/.test(token)) return false;
  const y = 1900 + Number(token.slice(6, 8));
  const m = Number(token.slice(8, 10));
  const d = Number(token.slice(10, 12));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function classify15(token: string, before: string): TokenKind {
  if (ORG_CODE_CONTEXT_RE.test(before)) return 'orgCode';
  return isOldResidentId(token) ? 'residentId' : 'other';
}

/**
 * Full-width digits, Latin letters, + and - as their ASCII forms, one UTF-16 unit for one, so that
 * positions found in the result are positions in the original text.
 */
function toHalfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const SEPARATORS_IN_NUMBER = '[\\s\\-－—()（）]*';

/** A known phone number in any spelling: digits with separators, +86, the area code in brackets. */
function phoneDigits(phone: string): string {
  const digits = toHalfWidth(phone).replace(/\D/g, '');
  return /^(?:0086|86)1[3-9]\d{9}$/.test(digits) ? digits.replace(/^(?:00)?86/, '') : digits;
}

function phonePatterns(phone: string): string[] {
  const digits = phoneDigits(phone);
  if (digits.length < 5) return [];
  const spelled = (d: string) => `(?<!\\d)${Array.from(d).join(SEPARATORS_IN_NUMBER)}(?!\\d)`;
  if (/^1[3-9]\d{9}$/.test(digits)) return [`(?:[（(]?(?:\\+|00)?86[）)]?${GAP}?)?${spelled(digits)}`];
  const patterns = [`[（(]?${spelled(digits)}`];
  const local = /^0\d{2,3}(\d{7,8})$/.exec(digits)?.[1];
  if (local) patterns.push(spelled(local));
  return patterns;
}

function idPattern(id: string): string | null {
  const chars = toHalfWidth(id).replace(/[\s-]/g, '');
  if (chars.length < 5) return null;
  return `${NOT_ALNUM_BEFORE}${Array.from(chars).map(escapeRe).join(`${GAP}?`)}${NOT_ALNUM_AFTER}`;
}

function nameForms(data: PersonalData, style: NameStyle, kind: NameForm['kind']): NameForm[] {
  const forms = (data.personNames ?? [])
    .flatMap((n) => personNameForms(toHalfWidth(n), style))
    .filter((f) => f.kind === kind);
  return forms.sort((a, b) => b.text.length - a.text.length);
}

function knownAddressForms(data: PersonalData): string[] {
  const forms = (data.addresses ?? []).flatMap((a) => addressForms(toHalfWidth(a)));
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function occurrences(text: string, needle: string): number[] {
  const at: number[] = [];
  if (!needle) return at;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) at.push(i);
  return at;
}

function keptRanges(text: string, data: PersonalData): [number, number][] {
  return (data.keepNames ?? [])
    .map((k) => toHalfWidth(k).trim())
    .flatMap((k) => occurrences(text, k).map((i): [number, number] => [i, i + k.length]));
}

// ---------------------------------------------------------------------------------------------
// Masking.

/** Replacements collected in priority order: a range overlapping one already taken is dropped. */
class Replacements {
  private readonly taken: { start: number; end: number; text: string | null }[] = [];

  /** `text` null keeps the range as it is and protects it from later rules. */
  add(start: number, end: number, text: string | null): void {
    if (end <= start || this.taken.some((r) => start < r.end && r.start < end)) return;
    this.taken.push({ start, end, text });
  }

  addAll(text: string, re: RegExp, replacement: (m: RegExpExecArray) => string | null | undefined): void {
    for (const m of text.matchAll(re)) {
      const r = replacement(m);
      if (r !== undefined) this.add(m.index, m.index + m[0].length, r);
    }
  }

  apply(text: string): string {
    let out = '';
    let at = 0;
    for (const r of [...this.taken].sort((a, b) => a.start - b.start)) {
      out += text.slice(at, r.start) + (r.text ?? text.slice(r.start, r.end));
      at = r.end;
    }
    return out + text.slice(at);
  }
}

/**
 * Masks the personal data in a free text (a decision's summary, facts, reasons …) by the rule set.
 * Known data (`data`, usually personalDataOf(party) merged with witnesses' names) is masked in any
 * spelling; ID numbers, phones, bank accounts, e-mails and addresses after 住 … are found without it.
 * Idempotent: masking a masked text changes nothing.
 */
export function maskText(
  text: string,
  data: PersonalData = {},
  rules: MaskingRuleSet = DEFAULT_MASKING_RULE_SET,
): string {
  const r = new Replacements();
  const view = toHalfWidth(text);
  const before = (m: RegExpExecArray) => view.slice(Math.max(0, m.index - 16), m.index);
  if (rules.maskEmails) r.addAll(view, EMAIL_RE, () => HIDDEN);
  if (rules.maskAddresses) {
    for (const a of findTextAddresses(view)) r.add(a.start, a.end, maskAddress(a.text));
    for (const form of knownAddressForms(data)) {
      for (const i of occurrences(view, form)) r.add(i, i + form.length, maskAddress(form));
    }
  }
  if (rules.maskPersonNames) {
    for (const f of nameForms(data, rules.nameStyle, 'full'))
      r.addAll(view, new RegExp(f.pattern, 'giu'), () => f.replacement);
  }
  if (rules.maskIds) {
    for (const p of (data.ids ?? []).map(idPattern)) if (p) r.addAll(view, new RegExp(p, 'giu'), () => HIDDEN);
  }
  if (rules.maskPhones) {
    for (const p of (data.phones ?? []).flatMap(phonePatterns)) r.addAll(view, new RegExp(p, 'gu'), () => HIDDEN);
  }
  for (const [start, end] of keptRanges(view, data)) r.add(start, end, null);
  r.addAll(view, TOKEN18_RE, (m) => {
    const kind = classify18(m[0], before(m));
    return kind === 'residentId' ? (rules.maskIds ? HIDDEN : null) : kind === 'orgCode' ? null : undefined;
  });
  r.addAll(view, TOKEN15_RE, (m) => {
    const kind = classify15(m[0], before(m));
    return kind === 'residentId' ? (rules.maskIds ? HIDDEN : null) : kind === 'orgCode' ? null : undefined;
  });
  if (rules.maskIds) r.addAll(view, LABELLED_ID_RE, () => HIDDEN);
  if (rules.maskBankAccounts) {
    r.addAll(view, BANK_RE, () => HIDDEN);
    r.addAll(view, LABELLED_BANK_RE, () => HIDDEN);
  }
  if (rules.maskPhones) {
    for (const re of [MOBILE_RE, LANDLINE_RE, LABELLED_PHONE_RE, QQ_RE, WECHAT_RE]) r.addAll(view, re, () => HIDDEN);
  }
  if (rules.maskPersonNames) {
    for (const f of nameForms(data, rules.nameStyle, 'part'))
      r.addAll(view, new RegExp(f.pattern, 'giu'), () => f.replacement);
  }
  return r.apply(text);
}

// ---------------------------------------------------------------------------------------------
// Leak detection.

/**
 * What personal data a text still shows, one entry per finding (`姓名：张三丰`, `身份证号：…`,
 * `电话：…`, `银行账号：…`, `电子邮箱：…`, `住址：…`, `联系方式：…`); empty when nothing leaked.
 * For tests of every public surface (portal pages, API responses, feed, search index): known data
 * is looked for in any spelling (digits with spaces, dashes or brackets between them, any name dot),
 * and any resident ID, phone, bank account, e-mail or address after 住 … is reported even when not
 * listed. Given names alone, and numbers found without being listed, are not reported inside `keepNames`.
 */
export function containsPersonalData(text: string, data: PersonalData = {}): string[] {
  const view = toHalfWidth(text);
  const found: string[] = [];
  const report = (label: string, value: string) => {
    const entry = `${label}：${value}`;
    if (!found.includes(entry)) found.push(entry);
  };
  const kept = keptRanges(view, data);
  const isKept = (start: number, end: number) => kept.some(([s, e]) => s <= start && end <= e);

  for (const f of nameForms(data, 'byLength', 'full')) {
    for (const m of view.matchAll(new RegExp(f.pattern, 'giu'))) report('姓名', m[0]);
  }
  for (const f of nameForms(data, 'byLength', 'part')) {
    for (const m of view.matchAll(new RegExp(f.pattern, 'giu'))) {
      if (!isKept(m.index, m.index + m[0].length)) report('姓名', m[0]);
    }
  }

  // Known numbers: compare with all separators between digits and letters removed.
  const squeezed = view.replace(/(?<=[0-9A-Za-z])[\s\-－—()（）+]+(?=[0-9A-Za-z])/g, '').toUpperCase();
  for (const id of data.ids ?? []) {
    const value = toHalfWidth(id).replace(/[\s-]/g, '').toUpperCase();
    if (value.length >= 5 && new RegExp(`${NOT_ALNUM_BEFORE}${escapeRe(value)}${NOT_ALNUM_AFTER}`).test(squeezed)) {
      report('身份证号', id);
    }
  }
  for (const phone of data.phones ?? []) {
    const digits = phoneDigits(phone);
    const local = /^0\d{2,3}(\d{7,8})$/.exec(digits)?.[1];
    for (const d of [digits, local]) {
      if (d && d.length >= 5 && new RegExp(`(?<!\\d)(?:0086|86)?${d}(?!\\d)`).test(squeezed)) report('电话', phone);
    }
  }
  for (const form of knownAddressForms(data)) if (view.includes(form)) report('住址', form);

  // Anything that looks like personal data, listed or not.
  const generic = (label: string, re: RegExp, keep: (m: RegExpExecArray) => boolean = () => true) => {
    for (const m of view.matchAll(re)) {
      if (!isKept(m.index, m.index + m[0].length) && keep(m)) report(label, m[0]);
    }
  };
  const before = (m: RegExpExecArray) => view.slice(Math.max(0, m.index - 16), m.index);
  generic('身份证号', TOKEN18_RE, (m) => classify18(m[0], before(m)) === 'residentId');
  generic('身份证号', TOKEN15_RE, (m) => classify15(m[0], before(m)) === 'residentId');
  // 18 and 15 characters: already judged above (a credit code after 证件号码 is kept).
  generic('证件号码', LABELLED_ID_RE, (m) => m[0].length !== 18 && m[0].length !== 15);
  generic('银行账号', BANK_RE, (m) => !/^\d{18}$/.test(m[0]));
  generic('银行账号', LABELLED_BANK_RE);
  generic('电话', MOBILE_RE);
  generic('电话', LANDLINE_RE);
  generic('电话', LABELLED_PHONE_RE);
  generic('联系方式', QQ_RE);
  generic('联系方式', WECHAT_RE);
  generic('电子邮箱', EMAIL_RE);
  for (const a of findTextAddresses(view)) report('住址', a.text);
  return found;
}
