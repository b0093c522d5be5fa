import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@sanxiang/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/connection.js';
import type { Principal } from '../modules/identity/principal.js';
import { principalForToken } from '../modules/identity/sessionStore.js';
import { DomainError, forbidden } from './errors.js';

/**
 * Who may call a route. Every /api route must declare one (checked when routes are registered):
 * 'public' for anyone, 'authenticated' for any signed-in user, or the roles allowed.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user must still change their initial password. */
    allowPendingPasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every /api route with the access it declares: the authorization matrix test walks it. */
    accessTable: { method: string; url: string; access: Access }[];
  }
}

export const SESSION_COOKIE = 'sx_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in caller; use in handlers of routes whose access is not 'public'. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('AUTH_REQUIRED', '请先登录', 401);
  return request.principal;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const accessPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.decorateRequest('principal', null);
  const table: FastifyInstance['accessTable'] = [];
  app.decorate('accessTable', table);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = route.config?.access;
    if (access === undefined)
      throw new Error(`路由 ${String(route.method)} ${route.url} 未声明访问权限（config.access）`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) return; // static files and the not-found handler
    const token = request.cookies[SESSION_COOKIE];
    request.principal = token ? await principalForToken(opts.db, token) : null;
    if (access === 'public') return;
    const p = request.principal;
    if (!p) throw new DomainError('AUTH_REQUIRED', '请先登录', 401);
    if (access !== 'authenticated' && !access.some((r) => p.roles.includes(r))) throw forbidden();
    // Cookie-authenticated writes must echo the session's CSRF token (synchronizer token pattern).
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, p.csrfToken)) {
        throw new DomainError('CSRF_INVALID', '请求校验失败（CSRF 令牌无效），请刷新页面后重试', 403);
      }
    }
    if (p.mustChangePassword && !request.routeOptions.config?.allowPendingPasswordChange) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED', '首次登录须先修改初始密码', 403);
    }
  });
});
