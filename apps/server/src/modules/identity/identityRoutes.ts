import { ROLES } from '@sanxiang/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, SESSION_COOKIE } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { changePassword, createUser, listUsers, login, unlockUser } from './identityService.js';
import type { Principal } from './principal.js';
import { createSession, deleteSession, principalForToken } from './sessionStore.js';

const tags = ['身份与登录'];

function me(p: Principal) {
  return {
    user: {
      id: p.userId,
      username: p.username,
      displayName: p.displayName,
      roles: p.roles,
      officerId: p.officerId,
      mustChangePassword: p.mustChangePassword,
      agency: { id: p.agencyId, name: p.agencyName, role: p.agencyRole, regionCode: p.regionCode },
    },
    csrfToken: p.csrfToken,
  };
}

export const identityRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const setSessionCookie = (reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.secureCookies,
        maxAge: ctx.config.sessionHours * 3600,
      });

    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '用户名密码登录；连续5次错误锁定15分钟',
          body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
        },
      },
      async (request, reply) => {
        const { token } = await login(ctx.db, request.body.username, request.body.password, ctx.config.sessionHours);
        setSessionCookie(reply, token);
        const p = await principalForToken(ctx.db, token);
        if (!p) throw new Error('session vanished after login');
        return me(p);
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { access: 'authenticated', allowPendingPasswordChange: true }, schema: { tags, summary: '退出登录' } },
      async (request, reply) => {
        await deleteSession(ctx.db, principalOf(request).sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/auth/me',
      { config: { access: 'authenticated', allowPendingPasswordChange: true }, schema: { tags, summary: '当前用户' } },
      async (request) => me(principalOf(request)),
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: 'authenticated', allowPendingPasswordChange: true },
        schema: {
          tags,
          summary: '修改密码（其他会话随之失效）',
          body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        await changePassword(ctx.db, p, request.body.currentPassword, request.body.newPassword);
        // changePassword ended every session of the user; start a fresh one for this browser.
        const { token } = await createSession(ctx.db, p.userId, ctx.config.sessionHours);
        setSessionCookie(reply, token);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/users',
      { config: { access: ['admin'] }, schema: { tags, summary: '用户列表（本单位或本辖区）' } },
      async (request) => listUsers(ctx.db, principalOf(request)),
    );

    app.post(
      '/api/users',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: '新建用户（首次登录须修改密码）',
          body: z.object({
            username: z.string().trim(),
            displayName: z.string().trim().min(1).max(50),
            password: z.string(),
            roles: z.array(z.enum(ROLES)).min(1),
            agencyId: z.number().int().positive(),
            officerId: z.number().int().positive().nullable().optional(),
          }),
        },
      },
      async (request, reply) => {
        const id = await createUser(ctx.db, principalOf(request), request.body);
        return reply.status(201).send({ id });
      },
    );

    app.post(
      '/api/users/:id/unlock',
      {
        config: { access: ['admin'] },
        schema: { tags, summary: '解除登录锁定', params: z.object({ id: z.coerce.number().int().positive() }) },
      },
      async (request, reply) => {
        await unlockUser(ctx.db, principalOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
