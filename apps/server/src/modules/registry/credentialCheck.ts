/**
 * 事中公示 (issue 6): the credential QR code and the public check behind it. Each officer's credential
 * gets a random code; its QR code holds `${publicBaseUrl}/portal/credentials/<code>`, and the public
 * answer tells whether the credential is valid today (Asia/Shanghai) and why not, with the officer's
 * public data only (the same fields as the public officer list). See docs/disclosure.md (事中公示).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  type CredentialCheckAnswer,
  credentialStanding,
  FIELD_LABELS,
  type Field,
  shanghaiDate,
} from '@sanxiang/domain';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, credentialCheckCodes, officers, regions } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';
import type { Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import { getOfficer, type OfficerDto } from './officerService.js';

/** 16 characters of base32 (80 random bits): far too many to guess, short enough for a small QR code. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const CODE_PATTERN = /^[a-km-np-z2-9]{16}$/;

export function newCheckCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/** The ledger keeps a digest of the code, not the code: case files export the ledger. */
const codeDigest = (code: string) => createHash('sha256').update(code).digest('hex');

/** The address the QR code holds. */
export function credentialCheckUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/portal/credentials/${code}`;
}

function assertHasCredential(o: OfficerDto): asserts o is OfficerDto & { credentialNo: string } {
  if (!o.credentialNo) {
    throw new DomainError(
      'CREDENTIAL_MISSING',
      `${o.name}未登记行政执法证号，不能生成证件核验二维码（请先在人员信息中填写执法证号和有效期）`,
      422,
    );
  }
}

async function liveCode(db: Executor, officerId: number, credentialNo: string) {
  const [row] = await db
    .select()
    .from(credentialCheckCodes)
    .where(
      and(
        eq(credentialCheckCodes.officerId, officerId),
        eq(credentialCheckCodes.credentialNo, credentialNo),
        isNull(credentialCheckCodes.revokedAt),
      ),
    )
    .orderBy(asc(credentialCheckCodes.id))
    .limit(1);
  return row;
}

/**
 * Revokes the officer's live codes (all, or those of other credential numbers) and issues a new one for
 * the current number, with its ledger entry, in the caller's transaction.
 */
async function issue(tx: Tx, p: Principal, o: OfficerDto & { credentialNo: string }, reason: string, all: boolean) {
  const now = new Date();
  const revoked = await tx
    .update(credentialCheckCodes)
    .set({ revokedAt: now, revokeReason: reason })
    .where(
      and(
        eq(credentialCheckCodes.officerId, o.id),
        isNull(credentialCheckCodes.revokedAt),
        all ? undefined : ne(credentialCheckCodes.credentialNo, o.credentialNo),
      ),
    )
    .returning({ code: credentialCheckCodes.code });
  const code = newCheckCode();
  const [row] = await tx
    .insert(credentialCheckCodes)
    .values({ code, officerId: o.id, credentialNo: o.credentialNo, issuedAt: now, issuedBy: p.userId })
    .returning();
  if (!row) throw new Error('credential check code not stored');
  await appendEntry(tx, {
    actor: actorOf(p),
    agencyId: o.agencyId,
    subjectType: 'officer',
    subjectId: o.id,
    action: revoked.length > 0 ? 'credentialCheck.reissue' : 'credentialCheck.issue',
    payload: {
      credentialNo: o.credentialNo,
      codeSha256: codeDigest(code),
      revokedCodesSha256: revoked.map((r) => codeDigest(r.code)),
      reason,
    },
  });
  return row;
}

/**
 * The officer's live code for the current credential number, issued on first use (the first QR code or
 * card printed). A changed credential number retires the old code: a card printed before it no longer checks.
 */
export async function ensureCheckCode(db: Db, p: Principal, officerId: number) {
  const o = await getOfficer(db, p, officerId);
  assertHasCredential(o);
  const existing = await liveCode(db, o.id, o.credentialNo);
  if (existing) return { officer: o, code: existing.code, issuedAt: existing.issuedAt };
  return db.transaction(async (tx) => {
    // One issuer at a time per officer: two first prints at once must not make two live codes.
    await tx.select({ id: officers.id }).from(officers).where(eq(officers.id, o.id)).for('update');
    const again = await liveCode(tx, o.id, o.credentialNo);
    if (again) return { officer: o, code: again.code, issuedAt: again.issuedAt };
    const row = await issue(tx, p, o, '首次生成证件核验二维码', false);
    return { officer: o, code: row.code, issuedAt: row.issuedAt };
  });
}

/** A new code for a lost or misused card (admin, with a reason): every earlier code stops checking. */
export async function reissueCheckCode(db: Db, p: Principal, officerId: number, reason: string) {
  return db.transaction(async (tx) => {
    const o = await getOfficer(tx, p, officerId);
    assertHasCredential(o);
    await tx.select({ id: officers.id }).from(officers).where(eq(officers.id, o.id)).for('update');
    const row = await issue(tx, p, o, reason, true);
    return { officer: o, code: row.code, issuedAt: row.issuedAt };
  });
}

export async function checkCredential(
  db: Executor,
  code: string,
  today = shanghaiDate(),
): Promise<CredentialCheckAnswer> {
  if (!CODE_PATTERN.test(code)) throw unknownCode();
  const [row] = await db
    .select({
      code: credentialCheckCodes,
      officer: {
        name: officers.name,
        credentialNo: officers.credentialNo,
        fields: officers.fields,
        regionCode: officers.regionCode,
        status: officers.status,
        validFrom: officers.validFrom,
        validTo: officers.validTo,
      },
      agency: { name: agencies.name, complaintPhone: agencies.complaintPhone, officePhone: agencies.officePhone },
      regionName: regions.name,
    })
    .from(credentialCheckCodes)
    .innerJoin(officers, eq(officers.id, credentialCheckCodes.officerId))
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .leftJoin(regions, eq(regions.code, officers.regionCode))
    .where(eq(credentialCheckCodes.code, code));
  if (!row) throw unknownCode();
  const o = row.officer;
  const reasons: { code: string; message: string }[] = [];
  const current = row.code.revokedAt === null && o.credentialNo === row.code.credentialNo;
  if (!current) {
    // The card this code was printed for has been replaced: its number and validity are not the current ones.
    reasons.push({
      code: 'CHECK_CODE_REVOKED',
      message:
        o.credentialNo === row.code.credentialNo
          ? '此二维码已作废（证件二维码已重新生成，如证件遗失补办），请以持证人出示的新证件为准'
          : '此二维码对应的证件已换发，原证件作废，请以持证人出示的新证件为准',
    });
  } else {
    reasons.push(...credentialStanding(o, today).problems);
  }
  const valid = reasons.length === 0;
  return {
    valid,
    verdict: valid ? '有效' : '无效',
    reasons,
    checkedOn: today,
    officer: {
      name: o.name,
      agencyName: row.agency.name,
      credentialNo: row.code.credentialNo,
      fields: (o.fields as Field[]).map((f) => ({ code: f, label: FIELD_LABELS[f] ?? f })),
      regionCode: o.regionCode,
      regionName: row.regionName,
      validTo: current ? o.validTo : null,
    },
    agency: row.agency,
  };
}

const unknownCode = () =>
  new DomainError(
    'CHECK_CODE_UNKNOWN',
    '未查到该执法证件二维码：证件可能是伪造的，或二维码已损坏。请确认扫码打开的网址属于本平台官方域名，并可拨打执法机关投诉举报电话核实',
    404,
  );

/** Officers for a printout: each in the caller's scope, in the order asked, each once. */
export async function officersForPrint(db: Db, p: Principal, ids: number[]) {
  const unique = [...new Set(ids)];
  const list: OfficerDto[] = [];
  for (const id of unique) list.push(await getOfficer(db, p, id));
  return list;
}

/** The agencies' phones for a board (not part of OfficerDto). */
export async function agencyContacts(db: Executor, agencyIds: number[]) {
  if (agencyIds.length === 0) return new Map<number, { name: string; complaintPhone: string; officePhone: string }>();
  const rows = await db
    .select({
      id: agencies.id,
      name: agencies.name,
      complaintPhone: agencies.complaintPhone,
      officePhone: agencies.officePhone,
    })
    .from(agencies)
    .where(inArray(agencies.id, agencyIds));
  return new Map(rows.map((r) => [r.id, r]));
}
