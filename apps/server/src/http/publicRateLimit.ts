import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from './errors.js';

/** Where the limit applies: the public portal's API (open data), nothing a signed-in user calls. */
export const PUBLIC_API_PREFIX = '/api/public/';

/**
 * Rate limit of the public endpoints (issue 6): at most `max` requests per minute from one client
 * address to /api/public/*, counted together over all of them; 0 turns it off. @fastify/rate-limit is
 * registered with `global: false`, so no other route is limited; its limiter runs in one onRequest
 * hook for the prefix, before the session lookup. Past the limit: 429 with a Chinese message and
 * Retry-After. Behind a reverse proxy every client has the proxy's address unless Fastify trusts it.
 */
export const publicRateLimit = fp(
  async (app: FastifyInstance, opts: { max: number }) => {
    if (opts.max <= 0) return;
    await app.register(rateLimit, { global: false });
    const check = app.createRateLimit({ max: opts.max, timeWindow: 60_000 });
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith(PUBLIC_API_PREFIX)) return;
      const r = await check(request);
      if (r.isAllowed) return;
      reply.header('x-ratelimit-limit', r.max);
      reply.header('x-ratelimit-remaining', r.remaining);
      reply.header('x-ratelimit-reset', r.ttlInSeconds);
      if (!r.isExceeded) return;
      reply.header('retry-after', r.ttlInSeconds);
      throw new DomainError(
        'RATE_LIMITED',
        `访问过于频繁：每分钟最多 ${r.max} 次，请 ${Math.max(1, r.ttlInSeconds)} 秒后再试`,
        429,
      );
    });
  },
  { name: 'sanxiang-public-rate-limit' },
);
