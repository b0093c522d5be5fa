import { createHash, randomBytes } from 'node:crypto';
import type { AgencyRole, Role } from '@sanxiang/domain';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { agencies, sessions, users } from '../../db/schema.js';
import { type Principal, scopeOf } from './principal.js';

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Executor,
  userId: number,
  hours: number,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    id: tokenId(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + hours * 3600_000),
  });
  // Expired sessions of anyone are cleared on the way; no scheduler needed for this.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { token, csrfToken };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteSessionsOfUser(db: Executor, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** The caller behind a session cookie, or null when the token is unknown, expired or the user is disabled. */
export async function principalForToken(db: Executor, token: string): Promise<Principal | null> {
  const id = tokenId(token);
  const rows = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      officerId: users.officerId,
      mustChangePassword: users.mustChangePassword,
      agencyId: agencies.id,
      agencyName: agencies.name,
      agencyRole: agencies.role,
      regionCode: agencies.regionCode,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), eq(users.active, true)))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  return {
    ...r,
    roles: r.roles as Role[],
    agencyRole: r.agencyRole as AgencyRole,
    scope: scopeOf({ id: r.agencyId, role: r.agencyRole, regionCode: r.regionCode }),
  };
}
