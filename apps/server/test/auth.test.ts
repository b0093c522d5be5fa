import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../src/db/schema.js';
import { DEMO_PASSWORD } from '../src/demo/demoData.js';
import { MAX_FAILED_LOGINS } from '../src/modules/identity/identityService.js';
import { call, login, startTestApp, type TestApp } from './support/testApp.js';

describe(`identity: login, lockout, sessions, CSRF (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('logs in with argon2id and sets an httpOnly SameSite=Strict session cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zhifa', password: DEMO_PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'sx_session');
    assert.ok(cookie, 'session cookie set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.notEqual(cookie.secure, true, 'not Secure unless served behind HTTPS');
    const body = res.json();
    assert.equal(body.user.displayName, '李建国');
    assert.deepEqual(body.user.roles, ['officer']);
    assert.equal(body.user.agency.name, '示例县应急管理局');
    assert.ok(body.csrfToken.length > 20);
    const [u] = await t.database.db.select().from(users).where(eq(users.username, 'zhifa'));
    assert.match(u?.passwordHash ?? '', /^\$argon2id\$/);
  });

  it('refuses a wrong password and an unknown user with the same Chinese message', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zhifa', password: 'nope12345' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope12345' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().message, '用户名或密码错误');
    assert.equal(unknown.json().message, wrong.json().message);
    await t.database.db.update(users).set({ failedAttempts: 0 }).where(eq(users.username, 'zhifa'));
  });

  it(`locks an account after ${MAX_FAILED_LOGINS} wrong passwords, even for the right one, until an admin unlocks it`, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      const r = await call(t.app, null, 'POST', '/api/auth/login', { username: 'zhifa2', password: 'wrong-pass1' });
      assert.equal(r.statusCode, 401, `attempt ${i + 1}`);
    }
    const fifth = await call(t.app, null, 'POST', '/api/auth/login', { username: 'zhifa2', password: 'wrong-pass1' });
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json().code, 'AUTH_LOCKED');
    assert.match(fifth.json().message, /已锁定/);
    const right = await call(t.app, null, 'POST', '/api/auth/login', { username: 'zhifa2', password: DEMO_PASSWORD });
    assert.equal(right.statusCode, 423, 'locked even with the right password');

    const admin = await login(t.app, 'yjadmin');
    const [u] = await t.database.db.select().from(users).where(eq(users.username, 'zhifa2'));
    assert.ok(u);
    const unlock = await call(t.app, admin, 'POST', `/api/users/${u.id}/unlock`);
    assert.equal(unlock.statusCode, 204);
    const again = await call(t.app, null, 'POST', '/api/auth/login', { username: 'zhifa2', password: DEMO_PASSWORD });
    assert.equal(again.statusCode, 200);
  });

  it('rejects a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const s = await login(t.app, 'yjadmin');
    const before = await call(t.app, s, 'GET', '/api/agencies?q=应急');
    const id = before.json().items[0].id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/agencies/${id}`,
      headers: { cookie: s.cookie },
      payload: { address: '被篡改的地址' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'CSRF_INVALID');
    const wrongToken = await t.app.inject({
      method: 'PATCH',
      url: `/api/agencies/${id}`,
      headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrfToken}x` },
      payload: { address: '被篡改的地址' },
    });
    assert.equal(wrongToken.statusCode, 403);
    const after = await call(t.app, s, 'GET', `/api/agencies/${id}`);
    assert.notEqual(after.json().address, '被篡改的地址');
  });

  it('requires login for staff routes and ends the session at logout', async () => {
    assert.equal((await call(t.app, null, 'GET', '/api/officers')).statusCode, 401);
    const s = await login(t.app, 'shenhe');
    assert.equal((await call(t.app, s, 'GET', '/api/auth/me')).statusCode, 200);
    assert.equal((await call(t.app, s, 'POST', '/api/auth/logout')).statusCode, 204);
    const afterLogout = await call(t.app, s, 'GET', '/api/auth/me');
    assert.equal(afterLogout.statusCode, 401);
    assert.equal(afterLogout.json().message, '请先登录');
  });

  it('changes a password under the policy and ends the other sessions', async () => {
    const first = await login(t.app, 'nengyuan');
    const second = await login(t.app, 'nengyuan');
    const weak = await call(t.app, first, 'POST', '/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().field, 'newPassword');
    const wrongCurrent = await call(t.app, first, 'POST', '/api/auth/password', {
      currentPassword: 'not-it-123',
      newPassword: 'NewPass2026',
    });
    assert.equal(wrongCurrent.statusCode, 400);
    assert.equal(wrongCurrent.json().code, 'PASSWORD_WRONG');
    const ok = await call(t.app, first, 'POST', '/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'NewPass2026',
    });
    assert.equal(ok.statusCode, 204);
    assert.equal((await call(t.app, second, 'GET', '/api/auth/me')).statusCode, 401, 'other session ended');
    await login(t.app, 'nengyuan', 'NewPass2026');
    await assert.rejects(login(t.app, 'nengyuan', DEMO_PASSWORD));
  });

  it('makes a user created by an admin change the initial password before anything else', async () => {
    const admin = await login(t.app, 'yjadmin');
    const me = (await call(t.app, admin, 'GET', '/api/auth/me')).json();
    const created = await call(t.app, admin, 'POST', '/api/users', {
      username: 'newofficer',
      displayName: '新同事',
      password: 'Initial2026',
      roles: ['officer'],
      agencyId: me.user.agency.id,
    });
    assert.equal(created.statusCode, 201, created.body);
    const s = await login(t.app, 'newofficer', 'Initial2026');
    const blocked = await call(t.app, s, 'GET', '/api/officers');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().code, 'PASSWORD_CHANGE_REQUIRED');
    const changed = await call(t.app, s, 'POST', '/api/auth/password', {
      currentPassword: 'Initial2026',
      newPassword: 'MyOwnPass99',
    });
    assert.equal(changed.statusCode, 204);
    const fresh = await login(t.app, 'newofficer', 'MyOwnPass99');
    assert.equal((await call(t.app, fresh, 'GET', '/api/officers')).statusCode, 200);
  });

  it('refuses supervisor roles for users outside a justice bureau', async () => {
    const admin = await login(t.app, 'admin');
    const agencies = (await call(t.app, admin, 'GET', '/api/agencies?role=agency')).json();
    const res = await call(t.app, admin, 'POST', '/api/users', {
      username: 'fakesupervisor',
      displayName: '假监督',
      password: 'Initial2026',
      roles: ['supervisor'],
      agencyId: agencies.items[0].id,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().field, 'roles');
  });
});

describe('identity: Secure cookies behind HTTPS', () => {
  it('marks the session cookie Secure when configured', async () => {
    const t = await startTestApp({ secureCookies: true });
    try {
      const res = await call(t.app, null, 'POST', '/api/auth/login', { username: 'zhifa', password: DEMO_PASSWORD });
      assert.equal(res.cookies.find((c) => c.name === 'sx_session')?.secure, true);
    } finally {
      await t.close();
    }
  });
});
