/**
 * 事后公开 (G-1, G-3): the public record of a decision, written by the server at publication, already
 * masked (G-3), stored in `disclosures.record` and shown as is by the portal, the open data API, the
 * Atom feed and the search index. Never edited: a correction publishes a new version.
 */
import type { PartyType } from '../cases/caseVocabulary.js';
import type { DisclosureCategory } from './disclosureRules.js';

export interface DisclosureRecord {
  agencyId: number;
  agencyName: string;
  /** GB/T 2260 code of the agency's region. */
  regionCode: string;
  category: DisclosureCategory;
  /** 行政处罚, 行政许可 … (DISCLOSURE_CATEGORY_LABELS). */
  categoryLabel: string;
  partyType: PartyType;
  /** Masked for a natural person (张某某); an organisation's registered name. */
  partyName: string;
  /** An organisation's 统一社会信用代码; '' for a natural person. */
  partyCode: string;
  /** An organisation's 法定代表人（负责人）; '' for a natural person. */
  legalRepresentative: string;
  /** The decision instrument's type code ('' when none, e.g. an inspection closed without findings). */
  instrumentType: string;
  /** 行政处罚决定书 … */
  instrumentName: string;
  /** 文书编号, e.g. 示应急罚〔2026〕3号. */
  instrumentNumber: string;
  title: string;
  facts: string;
  violatedProvision: string;
  legalBasis: string;
  /** What was decided (the penalty and its amount, the measure, the inspection result). */
  conclusion: string;
  /** YYYY-MM-DD. */
  decidedOn: string;
}

/**
 * One page of the portal's search (GET /api/public/disclosures with words): matches are counted up to a
 * limit (then `totalCapped`), and words so common that they are not counted give `total: null`, with
 * `hasMore` saying whether a next page has records.
 */
export interface PublicSearchPage<T> {
  items: T[];
  total: number | null;
  totalCapped: boolean;
  hasMore: boolean;
  page: number;
  pageSize: number;
}
