import type {
  AgencyKind,
  AgencyRole,
  CredentialKind,
  Field,
  Gender,
  OFFICER_RECORD_FIELDS,
  OfficerStatus,
  Role,
} from '@sanxiang/domain';

/** Shapes of the server's JSON answers (apps/server), as the console uses them. */

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  /** The officer record this account belongs to, when the server links one. */
  officerId?: number | null;
  mustChangePassword: boolean;
  agency: { id: number; name: string; role: AgencyRole; regionCode: string };
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface Dashboard {
  agencies: number;
  officers: number;
  activeOfficers: number;
  expiredCredentials: number;
  expiringWithin90Days: number;
  suspended: number;
  reviewers: number;
  /** 法制审核 waiting for an opinion, and those past their time limit. */
  openReviews: number;
  overdueReviews: number;
  /** G-1: decisions not yet public by their due date. */
  overdueDisclosures: number;
  /** G-4: last year's 年报 not published by 31 January. */
  lateAnnualReports: number;
}

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface Unit {
  id: number;
  name: string;
}

export interface Agency {
  id: number;
  name: string;
  kind: AgencyKind;
  role: AgencyRole;
  regionCode: string;
  regionName: string | null;
  field: Field;
  address: string;
  officePhone: string;
  complaintPhone: string;
  uscc: string | null;
  parentId: number | null;
  parentName: string | null;
  units: Unit[];
  officerCount: number;
  createdAt: string;
  updatedAt: string;
  /** G-5, for enforcement agencies (detail only). */
  reviewerStaffing?: ReviewerStaffingRow | null;
}

/** G-5: legal reviewers against 5 % of the agency's active officers (at least one). */
export interface ReviewerStaffingRow {
  agencyId: number;
  agencyName: string;
  officers: number;
  reviewers: number;
  required: number;
  short: boolean;
  message: string;
}

export type AgencyInput = Pick<
  Agency,
  'name' | 'kind' | 'role' | 'regionCode' | 'field' | 'address' | 'officePhone' | 'complaintPhone' | 'uscc' | 'parentId'
>;

export type CredentialFilter = 'valid' | 'expired' | 'expiring';

export interface Officer {
  id: number;
  name: string;
  gender: Gender;
  agencyId: number;
  agencyName: string;
  unitId: number | null;
  unitName: string | null;
  post: string;
  credentialNo: string | null;
  credentialKind: CredentialKind;
  fields: Field[];
  regionCode: string;
  validFrom: string | null;
  validTo: string | null;
  status: OfficerStatus;
  legalQualification: boolean;
  legalQualificationNo: string;
  residentIdMasked: string;
  credentialValidToday: boolean;
  version: number;
  updatedAt: string;
}

/** The body of POST/PATCH /api/officers: the record's fields (OFFICER_RECORD_FIELDS) as the officer DTO types them. */
export type OfficerInput = Pick<Officer, Exclude<(typeof OFFICER_RECORD_FIELDS)[number], 'residentId'>> & {
  residentId?: string;
};

export interface OfficerChange {
  field: string;
  label: string;
  from: string | null;
  to: string | null;
}

export interface OfficerVersion {
  version: number;
  changedAt: string;
  changedBy: string;
  reason: string;
  changes: OfficerChange[];
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  agencyId: number;
  agencyName: string;
  active: boolean;
  lockedUntil: string | null;
}

export interface UserInput {
  username: string;
  displayName: string;
  roles: Role[];
  agencyId: number;
  password: string;
}

/** The server imports by upsert: the same name / credential number updates the record if anything differs. */
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** GET /api/ledger/keys: what an outsider needs to check checkpoints (public). */
export interface LedgerKeys {
  origin: string;
  hashAlg: 'sm3' | 'sha256';
  /** C2SP verifier key of the log: <name>+<key ID>+<base64 key>. */
  log: string;
  /** Verifier key of the witness (the justice bureau that co-signs checkpoints). */
  witness: string;
}

/** GET /api/ledger/checkpoint: the latest signed tree head. */
export interface LedgerCheckpoint {
  size: number;
  rootHash: string;
  /** The C2SP signed note, with the witness's cosignature line when there is one. */
  note: string;
  witnessed: boolean;
  createdAt: string;
}

/** One ledger entry as the trail and the access log return it. */
export interface LedgerEntry {
  seq: number;
  time: string;
  /** The actor's display name at the time of the change. */
  actor: string;
  agencyId: number | null;
  subjectType: string;
  subjectId: string;
  action: string;
  payload: unknown;
  /** The exact canonical entry text that is hashed into the Merkle tree. */
  entry: string;
}

export interface AccessLogEntry extends LedgerEntry {
  agencyName: string;
  /** The officer's name when the subject is an officer. */
  subjectName: string | null;
}

/** GET /api/ledger/entries/:seq/proof: an inclusion proof to a signed checkpoint. */
export interface LedgerProof {
  seq: number;
  entry: string;
  hashAlg: 'sm3' | 'sha256';
  treeSize: number;
  rootHash: string;
  proof: string[];
  checkpoint: string;
}
