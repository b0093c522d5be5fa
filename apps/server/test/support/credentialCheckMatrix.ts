import type { LightMyRequestResponse } from 'fastify';
import { credentialCheckCodes } from '../../src/db/schema.js';
import { newCheckCode } from '../../src/modules/registry/credentialCheck.js';
import { call, type Session, type TestApp } from './testApp.js';

/**
 * The authorization matrix's rows for 事中公示 (credentialCheckRoutes.ts), kept here so the matrix file
 * only spreads them in. Same shape as its RouteCase.
 */
interface Target {
  officerId: number;
}
interface MatrixRow {
  ok: number;
  targeted: boolean;
  run(t: TestApp, s: Session | null, target: Target): Promise<LightMyRequestResponse>;
}

/** A check code of the target officer, stored on first use (the public route needs one that exists). */
const codes = new Map<number, Promise<string>>();
function codeOf(t: TestApp, target: Target): Promise<string> {
  let made = codes.get(target.officerId);
  if (!made) {
    const code = newCheckCode();
    made = t.database.db
      .insert(credentialCheckCodes)
      .values({ code, officerId: target.officerId, credentialNo: 'MATRIX' })
      .then(() => code);
    codes.set(target.officerId, made);
  }
  return made;
}

export const CREDENTIAL_CHECK_ROUTE_CASES: Record<string, MatrixRow> = {
  'GET /api/public/credential-checks/:code': {
    ok: 200,
    targeted: false,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/public/credential-checks/${await codeOf(t, target)}`),
  },
  'GET /api/officers/:id/credential-qr': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/officers/${target.officerId}/credential-qr`),
  },
  'GET /api/officers/:id/credential-qr.svg': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/officers/${target.officerId}/credential-qr.svg`),
  },
  'POST /api/officers/:id/credential-qr/reissue': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'POST', `/api/officers/${target.officerId}/credential-qr/reissue`, { reason: '权限矩阵测试' }),
  },
  'GET /api/officers/credential-cards.pdf': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/officers/credential-cards.pdf?officerIds=${target.officerId}`),
  },
  'GET /api/officers/post-board.pdf': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(
        t.app,
        s,
        'GET',
        `/api/officers/post-board.pdf?officerIds=${target.officerId}&windowName=${encodeURIComponent('1号窗口')}`,
      ),
  },
};
