import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
