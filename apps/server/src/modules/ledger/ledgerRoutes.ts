import { ROLES, verifierKeyString } from '@sanxiang/domain';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencies, ledgerEntries, officers, users } from '../../db/schema.js';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { notFound } from '../../http/errors.js';
import { agencyScopeCondition } from '../registry/registryScope.js';
import { exportCaseFile } from './caseFileExport.js';
import { createCheckpoint, latestCheckpoint } from './checkpoints.js';
import { toHex } from './ledgerHasher.js';
import { consistencyProof, inclusionProof, ledgerParams, rootHash, treeSize } from './ledgerStore.js';

const tags = ['全过程记录（留痕账本）'];

/** Entry rows as the trail shows them: the exact signed text plus the parsed fields. */
function entryDto(r: typeof ledgerEntries.$inferSelect) {
  const e = JSON.parse(r.entry) as { actor: { name: string }; time: string };
  return {
    seq: r.seq,
    time: e.time,
    actor: e.actor.name,
    agencyId: r.agencyId,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    action: r.action,
    payload: JSON.parse(r.payload) as unknown,
    entry: r.entry,
  };
}

export const ledgerRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/ledger/keys',
      { config: { access: 'public' }, schema: { tags, summary: '账本来源、哈希算法与公钥（签名验证用）' } },
      async () => {
        const { origin, hasher } = await ledgerParams(ctx.db);
        return {
          origin,
          hashAlg: hasher.name,
          log: verifierKeyString(ctx.ledgerKeys.log.name, ctx.ledgerKeys.log.publicKeyHex),
          witness: verifierKeyString(ctx.ledgerKeys.witness.name, ctx.ledgerKeys.witness.publicKeyHex),
        };
      },
    );

    app.get(
      '/api/ledger/checkpoint',
      { config: { access: 'public' }, schema: { tags, summary: '最新检查点（C2SP 签名笔记，含见证联署）' } },
      async () => {
        const cp = await latestCheckpoint(ctx.db);
        if (!cp) throw notFound('检查点');
        return {
          size: cp.size,
          rootHash: cp.rootHash,
          note: cp.note,
          witnessed: cp.witnessed,
          createdAt: cp.createdAt,
        };
      },
    );

    app.post(
      '/api/ledger/checkpoints',
      { config: { access: ['admin'] }, schema: { tags, summary: '立即签发检查点并请见证方联署' } },
      async () => {
        const cp = await createCheckpoint(ctx.db, ctx.ledgerKeys);
        return { size: cp?.size, rootHash: cp?.rootHash, note: cp?.note, witnessed: cp?.witnessed };
      },
    );

    app.get(
      '/api/ledger/consistency',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '两个树大小之间的一致性证明（RFC 6962）',
          querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
        },
      },
      async (request) => {
        const { from, to } = request.query;
        const size = await treeSize(ctx.db);
        if (from > to || to > size) throw notFound('该树大小');
        const proof = await consistencyProof(ctx.db, from, to);
        return { from, to, proof: proof.map(toHex) };
      },
    );

    app.get(
      '/api/ledger/trail',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '某一对象的全过程记录（按本单位或本辖区范围）',
          querystring: z.object({
            subjectType: z.string().trim().min(1).max(40),
            subjectId: z.string().trim().min(1).max(64),
          }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        const rows = await ctx.db
          .select({ e: ledgerEntries })
          .from(ledgerEntries)
          .innerJoin(agencies, eq(agencies.id, ledgerEntries.agencyId))
          .where(
            and(
              eq(ledgerEntries.subjectType, request.query.subjectType),
              eq(ledgerEntries.subjectId, request.query.subjectId),
              agencyScopeCondition(p.scope),
            ),
          )
          .orderBy(asc(ledgerEntries.seq));
        if (rows.length === 0) throw notFound('记录');
        return rows.map((r) => entryDto(r.e));
      },
    );

    app.get(
      '/api/ledger/entries/:seq/proof',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '某条记录到最新检查点的包含证明（RFC 6962）',
          params: z.object({ seq: z.coerce.number().int().min(0) }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        const [row] = await ctx.db
          .select({ e: ledgerEntries })
          .from(ledgerEntries)
          .innerJoin(agencies, eq(agencies.id, ledgerEntries.agencyId))
          .where(and(eq(ledgerEntries.seq, request.params.seq), agencyScopeCondition(p.scope)));
        if (!row) throw notFound('记录');
        let cp = await latestCheckpoint(ctx.db);
        if (!cp || cp.size <= row.e.seq || !cp.witnessed) cp = await createCheckpoint(ctx.db, ctx.ledgerKeys);
        if (!cp) throw new Error('no checkpoint');
        const { hasher } = await ledgerParams(ctx.db);
        return {
          seq: row.e.seq,
          entry: row.e.entry,
          hashAlg: hasher.name,
          treeSize: cp.size,
          rootHash: toHex(await rootHash(ctx.db, cp.size)),
          proof: (await inclusionProof(ctx.db, row.e.seq, cp.size)).map(toHex),
          checkpoint: cp.note,
        };
      },
    );

    app.get(
      '/api/ledger/case-file',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '导出电子案卷（ZIP：记录原文、包含证明、经见证的检查点、公钥；可离线校验）',
          querystring: z.object({
            subjectType: z.enum(['officer', 'agency', 'user']),
            subjectId: z.coerce.number().int().positive(),
          }),
        },
      },
      async (request, reply) => {
        const { subjectType, subjectId } = request.query;
        const { zip, fileName } = await exportCaseFile(ctx.db, ctx.ledgerKeys, principalOf(request), {
          type: subjectType,
          id: String(subjectId),
          title: await subjectTitle(subjectType, subjectId),
        });
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(Buffer.from(zip));
      },
    );

    /** A readable name for the case file; scope is enforced by the export's own query. */
    async function subjectTitle(type: 'officer' | 'agency' | 'user', id: number): Promise<string> {
      if (type === 'officer') {
        const [o] = await ctx.db.select().from(officers).where(eq(officers.id, id));
        return o ? `执法人员${o.name}` : `执法人员${id}`;
      }
      if (type === 'agency') {
        const [a] = await ctx.db.select().from(agencies).where(eq(agencies.id, id));
        return a?.name ?? `执法主体${id}`;
      }
      const [u] = await ctx.db.select().from(users).where(eq(users.id, id));
      return u ? `用户${u.username}` : `用户${id}`;
    }

    app.get(
      '/api/ledger/access-log',
      {
        config: { access: ['supervisor', 'admin', 'head'] },
        schema: {
          tags,
          summary: '调阅记录：谁在何时因何调阅了受保护的信息（S-5）',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        const rows = await ctx.db
          .select({ e: ledgerEntries, agencyName: agencies.name, officerName: officers.name })
          .from(ledgerEntries)
          .innerJoin(agencies, eq(agencies.id, ledgerEntries.agencyId))
          .leftJoin(
            officers,
            and(eq(ledgerEntries.subjectType, 'officer'), eq(sql`${officers.id}::text`, ledgerEntries.subjectId)),
          )
          .where(and(sql`${ledgerEntries.action} like '%.view'`, agencyScopeCondition(p.scope)))
          .orderBy(desc(ledgerEntries.seq))
          .limit(request.query.limit);
        return rows.map((r) => ({ ...entryDto(r.e), agencyName: r.agencyName, subjectName: r.officerName }));
      },
    );
  };
