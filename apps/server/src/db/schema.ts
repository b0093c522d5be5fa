import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** 行政区划 (GB/T 2260). */
export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  parentCode: text('parent_code'),
});

/** 行政执法主体 and supervising justice bureaus (role = 'supervisor'). */
export const agencies = pgTable(
  'agencies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    role: text('role').notNull().default('agency'),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    field: text('field').notNull(),
    address: text('address').notNull().default(''),
    officePhone: text('office_phone').notNull().default(''),
    complaintPhone: text('complaint_phone').notNull().default(''),
    uscc: text('uscc'),
    parentId: integer('parent_id'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('agencies_name_key').on(t.name),
    uniqueIndex('agencies_uscc_key').on(t.uscc),
    index('agencies_region_idx').on(t.regionCode),
  ],
);

/** 科室 / 股室 / 执法大队. */
export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('units_agency_name_key').on(t.agencyId, t.name)],
);

/** 行政执法人员 and their credential. */
export const officers = pgTable(
  'officers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    unitId: integer('unit_id').references(() => units.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    post: text('post').notNull().default(''),
    credentialNo: text('credential_no'),
    credentialKind: text('credential_kind').notNull().default('enforcement'),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    status: text('status').notNull().default('active'),
    legalQualification: boolean('legal_qualification').notNull().default(false),
    legalQualificationNo: text('legal_qualification_no').notNull().default(''),
    residentId: text('resident_id').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('officers_credential_no_key').on(t.credentialNo),
    uniqueIndex('officers_resident_id_key').on(t.residentId),
    index('officers_agency_idx').on(t.agencyId),
  ],
);

/** Every version of an officer record: who changed what, when and why. */
export const officerVersions = pgTable(
  'officer_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    officerId: integer('officer_id')
      .notNull()
      .references(() => officers.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    reason: text('reason').notNull().default(''),
    changedBy: integer('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('officer_versions_key').on(t.officerId, t.version)],
);

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    officerId: integer('officer_id').references(() => officers.id),
    roles: text('roles').array().notNull(),
    active: boolean('active').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * The tamper-evident ledger (docs/ledger.md). Hashes are lower-case hex. These tables are
 * append-only: triggers refuse UPDATE, DELETE and TRUNCATE on both engines.
 */
export const ledgerMeta = pgTable('ledger_meta', {
  id: integer('id').primaryKey(),
  hashAlg: text('hash_alg').notNull(),
  origin: text('origin').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: integer('actor_user_id'),
    agencyId: integer('agency_id'),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    action: text('action').notNull(),
    /** The exact RFC 8785 text whose leaf hash is in the tree. */
    entry: text('entry').notNull(),
    /** The RFC 8785 text of the change; its hash is `payloadHash` inside `entry`. */
    payload: text('payload').notNull(),
  },
  (t) => [index('ledger_entries_subject_idx').on(t.subjectType, t.subjectId, t.seq)],
);

/** Hash of every perfect subtree: level 0 = leaves, level l index i covers leaves [i·2^l, (i+1)·2^l). */
export const ledgerNodes = pgTable(
  'ledger_nodes',
  {
    level: integer('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** Signed tree heads as C2SP signed notes; a witness's co-signature is a separate row. */
export const ledgerCheckpoints = pgTable('ledger_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  rootHash: text('root_hash').notNull(),
  note: text('note').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const ledgerCosignatures = pgTable(
  'ledger_cosignatures',
  {
    size: bigint('size', { mode: 'number' })
      .notNull()
      .references(() => ledgerCheckpoints.size),
    witness: text('witness').notNull(),
    signatureLine: text('signature_line').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.size, t.witness] })],
);

/** 节假日安排 entered by an administrator for a year the calendar package lacks (CAL). */
export const calendarOverrides = pgTable('calendar_overrides', {
  year: integer('year').primaryKey(),
  holidays: text('holidays').array().notNull(),
  workdays: text('workdays').array().notNull(),
  note: text('note').notNull().default(''),
  updatedBy: integer('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** An agency's settings for its instruments: 文书号 abbreviation and pattern, relief bodies. */
export const agencyInstrumentSettings = pgTable('agency_instrument_settings', {
  agencyId: integer('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  /** 机关代字, e.g. 示应急. */
  abbreviation: text('abbreviation').notNull(),
  /** `{abbr}{word}〔{year}〕{seq}号` by default. */
  numberPattern: text('number_pattern').notNull(),
  reconsiderationBody: text('reconsideration_body').notNull(),
  court: text('court').notNull(),
  /** 较大数额 for hearing rights (P-63), integer fen, per party type. */
  hearingThresholdPersonFen: bigint('hearing_threshold_person_fen', { mode: 'number' }).notNull(),
  hearingThresholdOrganizationFen: bigint('hearing_threshold_organization_fen', { mode: 'number' }).notNull(),
  /** 法制审核 time limit in working days (default 5). */
  reviewDays: integer('review_days').notNull().default(5),
  /** G-3a: years a disclosure stays public, per category and party type (DisclosurePeriods); null: the default. */
  publicYears: jsonb('public_years'),
});

/** 音像记录事项清单 (G-6): which steps of a procedure need an AV record, per agency. */
export const avRequirements = pgTable(
  'av_requirements',
  {
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    procedure: text('procedure').notNull(),
    step: text('step').notNull(),
    /** `full`: 全程音像记录, required before the step completes; `asNeeded`: recommended. */
    level: text('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.procedure, t.step] })],
);

/** 案件: one enforcement act from lead to archive, run by its procedure's workflow definition. */
export const cases = pgTable(
  'cases',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    caseNo: text('case_no').notNull(),
    procedure: text('procedure').notNull(),
    field: text('field').notNull(),
    title: text('title').notNull(),
    source: text('source').notNull(),
    /** The workflow state (a state id of the procedure's definition). */
    state: text('state').notNull(),
    place: text('place').notNull().default(''),
    leadOn: date('lead_on', { mode: 'string' }).notNull(),
    violationOn: date('violation_on', { mode: 'string' }),
    /** P-36: 5 years instead of 2 where life, health or financial safety was harmed. */
    harmsSafety: boolean('harms_safety').notNull().default(false),
    violationContinuing: boolean('violation_continuing').notNull().default(false),
    filedOn: date('filed_on', { mode: 'string' }),
    facts: text('facts').notNull().default(''),
    violatedProvision: text('violated_provision').notNull().default(''),
    penaltyBasis: text('penalty_basis').notNull().default(''),
    party: jsonb('party').notNull(),
    /** The penalty of the last served prior notice (P-44, P-45). */
    noticedPenalty: jsonb('noticed_penalty'),
    decidedPenalty: jsonb('decided_penalty'),
    /** Facts the guards read, set by steps (emergency coercion, collective deliberation required, …). */
    flags: jsonb('flags').notNull().default({}),
    /** 案件研判 for the major-decision catalog and the discretion benchmark (see review/caseAssessment.ts). */
    assessment: jsonb('assessment').notNull().default({}),
    /** S-6: the catalog version that classified the case, pinned at its first review or decision. */
    majorCatalogId: integer('major_catalog_id'),
    /** S-6: the benchmark version the discretion choice refers to. */
    benchmarkId: integer('benchmark_id'),
    closedOn: date('closed_on', { mode: 'string' }),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('cases_agency_case_no_key').on(t.agencyId, t.caseNo),
    index('cases_agency_state_idx').on(t.agencyId, t.state),
  ],
);

/** 承办人员 of a case; a recused officer (P-43) stays listed but may not act. */
export const caseOfficers = pgTable(
  'case_officers',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    officerId: integer('officer_id')
      .notNull()
      .references(() => officers.id),
    /** `lead` 主办 or `assistant` 协办. */
    role: text('role').notNull(),
    recused: boolean('recused').notNull().default(false),
    recusalReason: text('recusal_reason').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.officerId] })],
);

/** Every step taken in a case, in order: the record of 全过程记录 (its ledger entry is written with it). */
export const caseSteps = pgTable(
  'case_steps',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    step: text('step').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    /** The date the act took place (Asia/Shanghai). */
    actOn: date('act_on', { mode: 'string' }).notNull(),
    data: jsonb('data').notNull(),
    officerIds: integer('officer_ids').array().notNull().default(sql`'{}'::int[]`),
    instrumentId: integer('instrument_id'),
    actorUserId: integer('actor_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('case_steps_case_idx').on(t.caseId, t.id)],
);

/** 执法文书. Issued instruments are frozen: a correction is a new version that supersedes the old. */
export const instruments = pgTable(
  'instruments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    type: text('type').notNull(),
    version: integer('version').notNull().default(1),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    /** The frozen InstrumentContext the document is rendered from. */
    context: jsonb('context').notNull(),
    /** SHA-256 of the canonical context: the ledger entry carries it. */
    contextDigest: text('context_digest').notNull(),
    supersedesId: integer('supersedes_id'),
    supersededById: integer('superseded_by_id'),
    correctionReason: text('correction_reason').notNull().default(''),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuedBy: integer('issued_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('instruments_number_version_key').on(t.agencyId, t.type, t.year, t.seq, t.version),
    index('instruments_case_idx').on(t.caseId, t.id),
  ],
);

/** The last number used per agency, instrument type and year: taken under a row lock, so no gaps. */
export const instrumentSequences = pgTable(
  'instrument_sequences',
  {
    agencyId: integer('agency_id').notNull(),
    type: text('type').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.type, t.year] })],
);

/** Every legal time limit of a case, stored with the rule that set it (DESIGN.md principle 4). */
export const deadlines = pgTable(
  'deadlines',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: integer('agency_id').notNull(),
    /** Which deadline of the definition this is (`decision`, `service`, …). */
    kind: text('kind').notNull(),
    ruleId: text('rule_id').notNull(),
    label: text('label').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    days: integer('days').notNull(),
    count: text('count').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** `open`, `met` or `cancelled` (e.g. replaced by an extension). */
    status: text('status').notNull().default('open'),
    metOn: date('met_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('deadlines_case_idx').on(t.caseId), index('deadlines_open_due_idx').on(t.agencyId, t.status, t.dueOn)],
);

/** Evidence and AV records: the bytes live in the file store, their digests here and in the ledger. */
export const caseFiles = pgTable(
  'case_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: integer('agency_id').notNull(),
    /** `evidence` 证据材料, `av` 音像记录. */
    kind: text('kind').notNull(),
    /** The step it was captured for, when any (G-6 checks AV records per step). */
    step: text('step'),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sm3: text('sm3').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    /** `public`, `internal` or `confidential` (opens only through the access log, S-5). */
    confidentiality: text('confidentiality').notNull().default('internal'),
    device: text('device').notNull().default(''),
    capturedAt: timestamp('captured_at', { withTimezone: true, mode: 'date' }),
    capturedByOfficerId: integer('captured_by_officer_id'),
    place: text('place').notNull().default(''),
    uploadedBy: integer('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('case_files_case_idx').on(t.caseId, t.id)],
);

/** 重大执法决定法制审核目录清单, per agency, every version kept (S-2, S-6). */
export const majorCatalogs = pgTable(
  'major_catalogs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    version: integer('version').notNull(),
    entries: jsonb('entries').notNull(),
    /** Why this version (e.g. 法律修改). */
    reason: text('reason').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('major_catalogs_agency_version_key').on(t.agencyId, t.version)],
);

/** 行政处罚裁量基准, per agency, every version kept (S-6). */
export const discretionBenchmarks = pgTable(
  'discretion_benchmarks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    version: integer('version').notNull(),
    entries: jsonb('entries').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('discretion_benchmarks_agency_version_key').on(t.agencyId, t.version)],
);

/** One submission of a case to 法制审核 (P-58) and what became of it: findings, opinion, coordination. */
export const legalReviews = pgTable(
  'legal_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** 1 for the first submission, then one more per resubmission. */
    round: integer('round').notNull(),
    /** The review package assembled from the case at submission (送审材料). */
    package: jsonb('package').notNull(),
    statement: text('statement').notNull().default(''),
    submittedBy: integer('submitted_by').notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reviewerUserId: integer('reviewer_user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull(),
    findings: jsonb('findings'),
    opinion: text('opinion'),
    opinionNote: text('opinion_note').notNull().default(''),
    decidedOn: date('decided_on', { mode: 'string' }),
    opinionInstrumentId: integer('opinion_instrument_id'),
    /** S-3: { reason, requestedBy, requestedOn, outcome?, note?, headUserId?, headName?, decidedOn? }. */
    coordination: jsonb('coordination'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('legal_reviews_case_round_key').on(t.caseId, t.round),
    index('legal_reviews_reviewer_status_idx').on(t.reviewerUserId, t.status),
    index('legal_reviews_agency_status_idx').on(t.agencyId, t.status),
  ],
);

/**
 * 事后公开 (G-1, G-2, G-3, G-3a, P-48): one row per version of a decision's disclosure. Created as a
 * task (`pending`) when the decision is made; `record` is the masked public record, written by the
 * server at publication and never edited: a correction is a new version, the old one `superseded`.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    /** The decision instrument disclosed (none for an inspection closed without findings). */
    instrumentId: integer('instrument_id'),
    category: text('category').notNull(),
    /** pending → published → withdrawn | superseded. */
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    supersedesId: integer('supersedes_id'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** G-1: the day it must be public by. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    publishedOn: date('published_on', { mode: 'string' }),
    publishedBy: integer('published_by'),
    /** G-3a: the day it leaves the public list (stays in the archive). */
    publicUntil: date('public_until', { mode: 'string' }),
    record: jsonb('record'),
    /** Words of the masked record, segmented by the application (Intl.Segmenter), space-separated. */
    searchText: text('search_text').notNull().default(''),
    /**
     * Portal search: every two neighbouring characters of every word of search_text (searchKeysOfText),
     * and the month of publication (publishedMonthKey, @2026-11), stored so that the index's recheck and
     * the planner's statistics read a column, not a computation (searchColumnsOf).
     */
    searchKeys: text('search_keys').array().notNull().default(sql`'{}'::text[]`),
    /** G-2 / P-48: the reversal, its reason (shown publicly), and the withdrawal. */
    reversalKind: text('reversal_kind'),
    reversedOn: date('reversed_on', { mode: 'string' }),
    withdrawDueOn: date('withdraw_due_on', { mode: 'string' }),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawReason: text('withdraw_reason'),
    correctionReason: text('correction_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('disclosures_agency_status_idx').on(t.agencyId, t.status, t.dueOn),
    index('disclosures_public_idx').on(t.status, t.publishedOn),
    index('disclosures_case_idx').on(t.caseId),
    /** Portal search: a query asks for the keys of its words (searchKeysOf, `@>`). */
    index('disclosures_search_keys_idx').using('gin', t.searchKeys).where(sql`${t.status} = 'published'`),
    /**
     * The portal's order, newest first (read backwards): a page of a common word is found by walking it.
     * Migration 0011 adds INCLUDE (public_until, agency_id, category), which drizzle cannot declare, so
     * that counting the public records under a filter reads the index alone.
     */
    index('disclosures_newest_idx').on(t.publishedOn, t.id).where(sql`${t.status} = 'published'`),
    /** A published record has its record and its day: the portal's queries need not read the row to know. */
    check(
      'disclosures_published_complete',
      sql`${t.status} <> 'published' or (${t.record} is not null and ${t.publishedOn} is not null)`,
    ),
  ],
);

/**
 * One counter that every statement changing `disclosures` raises, in that statement's transaction
 * (trigger disclosures_changed, migration 0012). The public search keeps its answers under the value
 * they were computed at (modules/disclosure/publicAnswers.ts): a change committed by any server
 * process, or by hand, is seen by the next search.
 */
export const disclosureGeneration = pgTable(
  'disclosure_generation',
  {
    id: integer('id').primaryKey(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [check('disclosure_generation_one_row', sql`${t.id} = 1`)],
);

/**
 * 事中公示: the code in an officer's credential QR code (/portal/credentials/<code>). Random and
 * unguessable, so the public check cannot be walked to list every officer, revoked ones included; one
 * live code per officer and credential number; reissuing (a lost card) revokes the old code.
 */
export const credentialCheckCodes = pgTable(
  'credential_check_codes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    officerId: integer('officer_id')
      .notNull()
      .references(() => officers.id),
    /** The credential number the code was issued for: a code outlives no change of number. */
    credentialNo: text('credential_no').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    issuedBy: integer('issued_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('credential_check_codes_code_key').on(t.code),
    index('credential_check_codes_officer_idx').on(t.officerId),
  ],
);

/**
 * 事前公开 lists (权责清单 `matters`, 随机抽查事项清单 `spotChecks`, 服务指南 `serviceGuides`), versioned per
 * agency (S-6): draft → submitted → published (the previous published one becomes superseded) or returned.
 */
export const publicListVersions = pgTable(
  'public_list_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    entries: jsonb('entries').notNull(),
    /** Why this version (S-6: e.g. 法律修改). */
    reason: text('reason').notNull(),
    /** draft → submitted → published → superseded; submitted → returned → (edited) draft. */
    status: text('status').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    submittedBy: integer('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewOpinion: text('review_opinion'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('public_list_versions_agency_kind_version_key').on(t.agencyId, t.kind, t.version),
    index('public_list_versions_status_idx').on(t.agencyId, t.kind, t.status),
  ],
);

/**
 * 行政执法统计年报 (G-4): one per agency (or per region, owned by its justice bureau) and year.
 * `figures` are frozen when the draft is generated; draft → submitted → published (docs/statistics.md).
 */
export const annualReports = pgTable(
  'annual_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** `agency:<id>` or `region:<code>`: one report per subject and year. */
    subjectKey: text('subject_key').notNull(),
    /** The agency reported on, or the justice bureau owning a region's report. */
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Set for a region's report (the sum of its agencies). */
    regionCode: text('region_code'),
    subjectName: text('subject_name').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull(),
    heldKinds: text('held_kinds').array().notNull(),
    figures: jsonb('figures').notNull(),
    /** 说明, written by the agency. */
    notes: text('notes').notNull().default(''),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    draftedOn: date('drafted_on', { mode: 'string' }).notNull(),
    draftedBy: integer('drafted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedBy: integer('submitted_by'),
    reviewedBy: integer('reviewed_by'),
    reviewNote: text('review_note').notNull().default(''),
    publishedOn: date('published_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('annual_reports_subject_year_key').on(t.subjectKey, t.year),
    index('annual_reports_status_idx').on(t.status, t.year),
  ],
);
