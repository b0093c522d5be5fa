import type { CaseSource, Party, Penalty, ProcedureId } from '../cases/caseVocabulary.js';
import type { Field } from '../registry/vocabulary.js';

/**
 * Everything an instrument (文书) layout may print. The server assembles it from the case when an
 * instrument is drafted and stores it with the instrument; an issued instrument is rendered from
 * that frozen copy forever, so a later change to the case never alters an issued document.
 * Dates are Asia/Shanghai calendar dates `YYYY-MM-DD`; money is integer fen.
 */
export interface InstrumentContext {
  agency: {
    name: string;
    address: string;
    phone: string;
    /** 复议机关, e.g. 示例县人民政府. */
    reconsiderationBody: string;
    /** 诉讼管辖法院, e.g. 示例县人民法院. */
    court: string;
  };
  instrument: {
    type: string;
    /** 文书号, e.g. 示应急罚〔2026〕12号; null while a draft has not been issued. */
    number: string | null;
    /** Date of issue (落款日期); the draft date while not issued. */
    date: string;
    /** 1 for the first version; a correction is a new version (never an edit). */
    version: number;
  };
  case: {
    /** 案件编号, the agency's internal case number. */
    caseNo: string;
    /** 案由. */
    title: string;
    procedure: ProcedureId;
    field: Field;
    source: CaseSource;
    /** Where the facts happened / the inspection took place. */
    place: string;
    leadOn: string;
    violationOn: string | null;
    filedOn: string | null;
    /** 违法事实. */
    facts: string;
    /** 违反的法律条款. */
    violatedProvision: string;
    /** 处罚（强制）依据. */
    penaltyBasis: string;
    /** The penalty proposed in the prior notice or decided, whichever the instrument speaks of. */
    penalty: Penalty | null;
  };
  party: Party;
  /** 承办人员 with their credential numbers (P-42: at least two for on-site acts). */
  officers: { name: string; credentialNo: string }[];
  /** 负责人 who approved / signs, when known. */
  head: string | null;
  /** Evidence list for reports and the archive index. */
  evidence: { name: string; kind: string; capturedOn: string | null; sm3: string }[];
  /** Instruments issued in the case so far, in order (for 卷内目录 and 结案审批表). */
  documents: { title: string; number: string | null; date: string }[];
  /** The step form's own fields, keyed by the instrument type's `fields[].key`. */
  fields: Record<string, string>;
}
