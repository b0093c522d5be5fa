import { ROLES, type Role } from '@sanxiang/domain';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection.js';
import { agencies, users } from '../../db/schema.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { actorOf } from '../ledger/actor.js';
import { type Actor, appendEntry } from '../ledger/ledgerStore.js';
import { agencyScopeCondition } from '../registry/registryScope.js';
import { assertPasswordPolicy, dummyVerify, hashPassword, verifyPassword } from './password.js';
import { type Principal, scopeContains } from './principal.js';
import { createSession, deleteSessionsOfUser } from './sessionStore.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const timeOfDay = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const lockedError = (until: Date) =>
  new DomainError(
    'AUTH_LOCKED',
    `连续${MAX_FAILED_LOGINS}次密码错误，账户已锁定，请于 ${timeOfDay.format(until)} 后重试，或请管理员解锁`,
    423,
  );

/**
 * Password login with lockout: after MAX_FAILED_LOGINS wrong passwords in a row the account is
 * locked for LOCKOUT_MINUTES, even for the right password; unknown users cost the same time.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  sessionHours: number,
): Promise<{ token: string; csrfToken: string; userId: number }> {
  const [user] = await db.select().from(users).where(eq(users.username, username.trim())).limit(1);
  if (!user?.active) {
    await dummyVerify(password);
    throw new DomainError('AUTH_INVALID', '用户名或密码错误', 401);
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil);
  if (!(await verifyPassword(user.passwordHash, password))) {
    // Counted in SQL so that concurrent attempts cannot undercount.
    const [after] = await db
      .update(users)
      .set({
        failedAttempts: sql`${users.failedAttempts} + 1`,
        lockedUntil: sql`case when ${users.failedAttempts} + 1 >= ${MAX_FAILED_LOGINS}
          then now() + make_interval(mins => ${LOCKOUT_MINUTES}) else null end`,
      })
      .where(eq(users.id, user.id))
      .returning({ lockedUntil: users.lockedUntil });
    if (after?.lockedUntil) throw lockedError(after.lockedUntil);
    throw new DomainError('AUTH_INVALID', '用户名或密码错误', 401);
  }
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, sessionHours);
    return { ...session, userId: user.id };
  });
}

export async function changePassword(
  db: Db,
  p: Principal,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new DomainError('PASSWORD_WRONG', '当前密码不正确', 400, 'currentPassword');
  }
  if (currentPassword === newPassword) {
    throw new DomainError('PASSWORD_WEAK', '新密码不能与当前密码相同', 400, 'newPassword');
  }
  assertPasswordPolicy(newPassword, user.username, 'newPassword');
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: user.agencyId,
      subjectType: 'user',
      subjectId: user.id,
      action: 'user.password.change',
      payload: {},
    });
    // Other sessions of this user end; the current one stays.
    await deleteSessionsOfUser(tx, user.id);
  });
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  agencyId: number;
  officerId?: number | null;
  mustChangePassword?: boolean;
}

export async function insertUser(db: Tx, actor: Actor, u: NewUser): Promise<number> {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(u.username)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      '用户名须以字母开头，由3至32位字母、数字、下划线、点或连字符组成',
      400,
      'username',
    );
  }
  if (u.roles.length === 0 || u.roles.some((r) => !ROLES.includes(r))) {
    throw new DomainError('VALIDATION_FAILED', '请至少选择一个有效角色', 400, 'roles');
  }
  assertPasswordPolicy(u.password, u.username);
  const [row] = await db
    .insert(users)
    .values({
      username: u.username,
      displayName: u.displayName,
      passwordHash: await hashPassword(u.password),
      roles: [...new Set(u.roles)],
      agencyId: u.agencyId,
      officerId: u.officerId ?? null,
      mustChangePassword: u.mustChangePassword ?? false,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await logUserCreated(db, actor, row);
  return row.id;
}

/** The ledger entry of a new account (never its password hash); also written by the demo data. */
export async function logUserCreated(tx: Tx, actor: Actor, row: typeof users.$inferSelect) {
  await appendEntry(tx, {
    actor,
    agencyId: row.agencyId,
    subjectType: 'user',
    subjectId: row.id,
    action: 'user.create',
    payload: {
      username: row.username,
      displayName: row.displayName,
      roles: row.roles,
      agencyId: row.agencyId,
      officerId: row.officerId,
      mustChangePassword: row.mustChangePassword,
    },
  });
}

export async function listUsers(db: Db, p: Principal) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      active: users.active,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(agencyScopeCondition(p.scope))
    .orderBy(asc(agencies.id), asc(users.id));
}

/** An admin creates users for agencies in their scope; only a justice bureau's admin may grant `supervisor`. */
export async function createUser(db: Db, p: Principal, u: NewUser): Promise<number> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, u.agencyId));
  if (!agency || !scopeContains(p.scope, agency)) throw notFound('执法主体');
  if (u.roles.includes('supervisor') && agency.role !== 'supervisor') {
    throw new DomainError('ROLE_NOT_ALLOWED', '执法监督人员只能属于司法行政机关', 400, 'roles');
  }
  return db.transaction((tx) => insertUser(tx, actorOf(p), { ...u, mustChangePassword: true }));
}

export async function unlockUser(db: Db, p: Principal, userId: number): Promise<void> {
  const [row] = await db
    .select({ id: users.id, agencyId: agencies.id, regionCode: agencies.regionCode })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, userId));
  if (!row || !scopeContains(p.scope, { id: row.agencyId, regionCode: row.regionCode })) throw notFound('用户');
  if (row.id === p.userId) throw forbidden('不能解锁自己的账户');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, userId));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: row.agencyId,
      subjectType: 'user',
      subjectId: userId,
      action: 'user.unlock',
      payload: {},
    });
  });
}
