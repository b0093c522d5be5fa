import {
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
  type DisclosureRecord,
  isCalendarDate,
  type PublicSearchPage,
  publishedMonthKey,
  queryTerms,
  REVERSAL_KIND_LABELS,
  type ReversalKind,
  searchKeysOf,
  shanghaiDate,
} from '@sanxiang/domain';
import { type AnyColumn, and, desc, eq, gte, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/connection.js';
import { agencies, disclosures } from '../../db/schema.js';
import type { AppContext } from '../../http/app.js';
import { DomainError } from '../../http/errors.js';
import { pagingSchema } from '../registry/registrySchemas.js';
import { publicAnswer } from './publicAnswers.js';
import {
  expectedShare,
  frequencyOf,
  type KeyFrequencies,
  NO_FREQUENCIES,
  searchKeyFrequencies,
} from './searchKeyStats.js';

const tags = ['公开信息'];

/** How many entries the Atom feed carries. */
export const FEED_SIZE = 50;

/** The portal page of a disclosure (apps/web/src/portal), linked from the feed. */
export const portalPath = (id: number) => `/portal/disclosures/${id}`;

/**
 * The keys of the public record (DisclosureRecord), in display order. Only these leave the server: the
 * record is masked when published (G-3), and a field added to it later is not public until listed here.
 */
const RECORD_KEYS = [
  'agencyId',
  'agencyName',
  'regionCode',
  'category',
  'categoryLabel',
  'partyType',
  'partyName',
  'partyCode',
  'legalRepresentative',
  'instrumentType',
  'instrumentName',
  'instrumentNumber',
  'title',
  'facts',
  'violatedProvision',
  'legalBasis',
  'conclusion',
  'decidedOn',
] as const satisfies readonly (keyof DisclosureRecord)[];

function publicRecord(stored: unknown): DisclosureRecord {
  const r = (stored ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    RECORD_KEYS.map((k) => [k, r[k] ?? (k === 'agencyId' ? null : '')]),
  ) as unknown as DisclosureRecord;
}

/**
 * What the public sees today: published (not pending, withdrawn or superseded), with its record,
 * and still within its disclosure period (G-3a: past `public_until` it leaves every public list and
 * stays in the archive).
 */
function isPublic(today: string): SQL {
  // A published row has its record and day (CHECK disclosures_published_complete); the day is asked for
  // all the same, as the newest-first index's condition. Every column here is in that index.
  return and(
    eq(disclosures.status, 'published'),
    isNotNull(disclosures.publishedOn),
    or(isNull(disclosures.publicUntil), gte(disclosures.publicUntil, today)),
  ) as SQL;
}

/**
 * Search results are counted up to this many; beyond it the portal says “超过 1000 条”, and the page is
 * found by walking the newest first rather than through the search index (bench/portal.ts).
 */
export const MAX_COUNT = 1000;

const textArray = (items: string[]) =>
  sql`array[${sql.join(
    items.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]`;

/**
 * The newest first, on the index in that order (disclosures_newest_idx), checking each row. Sorting is
 * ruled out too: taking the words for rare, the planner would rather read every row and sort them.
 */
const walkNewest = [
  sql`set local enable_seqscan = off`,
  sql`set local enable_bitmapscan = off`,
  sql`set local enable_sort = off`,
  sql`set local enable_incremental_sort = off`,
];
/** Every row holding the keys, found through the search index (disclosures_search_keys_idx), then sorted. */
const throughSearchIndex = [sql`set local enable_seqscan = off`, sql`set local enable_indexscan = off`];

/** How many records match, up to MAX_COUNT + 1. */
async function countHits(db: Executor, where: SQL): Promise<number> {
  const hits = db
    .select({ one: sql`1` })
    .from(disclosures)
    .where(where)
    .limit(MAX_COUNT + 1)
    .as('hits');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(hits);
  return row?.n ?? 0;
}

/**
 * Words expected in at least this share of the records are searched by walking the newest first: a
 * page is found within a few hundred rows, where the search index would have to gather and sort
 * every hit (tens of thousands at 1M records).
 */
const COMMON_SHARE = 0.005;

type SearchPage = PublicSearchPage<Awaited<ReturnType<typeof newestPublic>>[number]>;

/**
 * The portal's search: the records under `c` that have every term, newest first. Two ways, chosen by
 * how common the terms are (searchKeyStats.ts):
 * - rare: the search index finds the records holding the rarest keys of the terms, LIKE confirms each
 *   term, they are counted (up to MAX_COUNT) and the page is taken from all of them, sorted; with many
 *   of them, one of the first pages is looked for among the last months' records first (RECENT_FROM);
 * - common: the newest records under `c` are walked, a bounded number of them, and those with the
 *   terms kept; nothing is counted (`total: null`, the portal offers the next page while there is one).
 *   When the bound is reached before the page is full the terms were rarer than expected here (say,
 *   within one agency), and the rare way answers instead.
 */
async function searchPublic(
  db: Executor,
  today: string,
  c: SQL[],
  terms: string[],
  page: number,
  pageSize: number,
): Promise<SearchPage> {
  const termKeys = terms.map(searchKeysOf);
  const frequencies = terms.length > 0 ? await searchKeyFrequencies(db) : NO_FREQUENCIES;
  const share = expectedShare(termKeys, frequencies);
  const keys = rarestKeys(termKeys.flat(), frequencies);
  const offset = (page - 1) * pageSize;
  if (terms.length > 0 && share >= COMMON_SHARE) {
    const bound = Math.min(WALK_MAX, Math.ceil((4 * (offset + pageSize + 1)) / share));
    const scanned = db
      .select({ ...publicColumns, searchText: disclosures.searchText, searchKeys: disclosures.searchKeys })
      .from(disclosures)
      .where(and(...c))
      .orderBy(desc(disclosures.publishedOn), desc(disclosures.id))
      .limit(bound)
      .as('scanned');
    const rows = await db
      .select({ id: scanned.id, version: scanned.version, publishedOn: scanned.publishedOn, record: scanned.record })
      .from(scanned)
      .where(and(...matching(terms, keys, scanned.searchText, scanned.searchKeys)))
      .orderBy(desc(scanned.publishedOn), desc(scanned.id))
      .limit(pageSize + 1)
      .offset(offset);
    if (rows.length > pageSize) {
      const items = rows.slice(0, pageSize).map(publicItem);
      return { items, total: null, totalCapped: false, hasMore: true, page, pageSize };
    }
  }
  const where = and(...c, ...matching(terms, keys, disclosures.searchText, disclosures.searchKeys)) as SQL;
  const n = await countHits(db, where);
  // The planner is told which way: it cannot know how often the words occur together, and either wrong
  // choice costs seconds at 1M records. Walking is for a deep page of common words only: it reads every
  // row it passes, where the search index reads only the hits.
  const plan = n > MAX_COUNT && share >= COMMON_SHARE ? walkNewest : keys.length > 0 ? throughSearchIndex : undefined;
  const items = await (plan
    ? db.transaction(async (tx) => {
        for (const setting of plan) await tx.execute(setting);
        // Many hits: the first pages are most likely among the last months' records, which the index finds
        // by their month keys, all newer than any other. A page not filled there is looked for among all.
        if (plan === throughSearchIndex && n > RECENT_FROM && offset + pageSize <= RECENT_FROM) {
          const recent = await newestPublic(tx, and(where, publishedRecently(today)) as SQL, pageSize, offset);
          if (recent.length === pageSize) return recent;
        }
        return newestPublic(tx, where, pageSize, offset);
      })
    : newestPublic(db, where, pageSize, offset));
  return {
    items,
    total: Math.min(n, MAX_COUNT),
    totalCapped: n > MAX_COUNT,
    hasMore: offset + items.length < n,
    page,
    pageSize,
  };
}

/**
 * With more hits than this, a page among the first this many is looked for in the last RECENT_MONTHS
 * months first: at 1M records a company's name has thousands of hits, and sorting them all to find the
 * newest twenty read every one of them (66 of 80 ms).
 */
const RECENT_FROM = 200;
const RECENT_MONTHS = 3;

/**
 * Published in the last RECENT_MONTHS calendar months up to `today`: through the search index by their
 * month keys (publishedMonthKey, stored with every published record's keys), and by date, which orders
 * them before every other record.
 */
function publishedRecently(today: string): SQL {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const firsts = Array.from({ length: RECENT_MONTHS }, (_, k) =>
    new Date(Date.UTC(year, month - 1 - k, 1)).toISOString().slice(0, 10),
  );
  return and(
    sql`${disclosures.searchKeys} && ${textArray(firsts.map(publishedMonthKey))}`,
    gte(disclosures.publishedOn, firsts.at(-1) as string),
  ) as SQL;
}

/**
 * The keys the search index is asked for: the rarest few, leaving out those in most records (示例, 某某,
 * 20 of a year) unless nothing rarer is left. A common key adds little to a rare one and makes the index
 * read a long list; LIKE confirms every term.
 */
function rarestKeys(keys: string[], f: KeyFrequencies): string[] {
  const sorted = [...new Set(keys)].sort((a, b) => frequencyOf(a, f) - frequencyOf(b, f));
  const useful = sorted.filter((k) => frequencyOf(k, f) < STOP_SHARE);
  return (useful.length > 0 ? useful : sorted).slice(0, INDEX_KEYS);
}

/** A key in more than this share of the records is not asked of the index when a rarer one is. */
const STOP_SHARE = 0.2;
const INDEX_KEYS = 3;

/** At most this many of the newest records are walked for common words. */
const WALK_MAX = 20_000;

/**
 * The search index finds the records holding the given keys (rarestKeys); LIKE confirms each term that
 * its keys do not prove. A two-character term is its own only key, and the stored text is words with
 * single spaces between them, so a record has that key exactly when its text contains the term: LIKE
 * would only read the text again (decompressed: at 1M records, 25 of 37 ms for a company's name).
 */
function matching(
  terms: string[],
  keys: string[],
  text: SQL.Aliased | AnyColumn,
  keyColumn: SQL.Aliased | AnyColumn,
): SQL[] {
  const provenByKey = (term: string) => Array.from(term).length === 2 && keys.includes(term);
  return [
    ...(keys.length > 0 ? [sql`${keyColumn} @> ${textArray(keys)}`] : []),
    ...terms.filter((term) => !provenByKey(term)).map((term) => sql`${text} like ${containing(term)}`),
  ];
}

/** A LIKE pattern matching `term` anywhere, with LIKE's own characters escaped (PostgreSQL's default escape is \). */
const containing = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const date = () => z.string().refine(isCalendarDate, '应为有效日期，格式 YYYY-MM-DD').optional();

const listQuery = z.object({
  q: z.string().trim().max(100, '不能超过 100 个字').optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  category: z.enum(DISCLOSURE_CATEGORIES, '无效').optional(),
  from: date(),
  to: date(),
  ...pagingSchema,
});

const publicColumns = {
  id: disclosures.id,
  version: disclosures.version,
  publishedOn: disclosures.publishedOn,
  record: disclosures.record,
};

async function newestPublic(db: Executor, where: SQL, limit: number, offset = 0) {
  const rows = await db
    .select(publicColumns)
    .from(disclosures)
    .where(where)
    .orderBy(desc(disclosures.publishedOn), desc(disclosures.id))
    .limit(limit)
    .offset(offset);
  return rows.map(publicItem);
}

function publicItem(r: { id: number; version: number; publishedOn: string | null; record: unknown }) {
  return { id: r.id, version: r.version, publishedOn: r.publishedOn ?? '', record: publicRecord(r.record) };
}

const notPublic = () => new DomainError('NOT_FOUND', '未找到该公开信息：可能尚未公开或已超过公示期限', 404);

// --------------------------------------------------------------------------------------------- Atom

/** XML 1.0 text: the five markup characters escaped, characters XML cannot carry removed. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A calendar date as an RFC 3339 instant at the start of that day in Beijing time. */
const atomDate = (day: string) => `${day}T00:00:00+08:00`;

/** The scheme and host the client used, for absolute links in the feed. */
function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function atomFeed(
  base: string,
  items: { id: number; version: number; publishedOn: string; record: DisclosureRecord }[],
  now: string,
): string {
  const updated = items[0] ? atomDate(items[0].publishedOn) : now;
  const entries = items.map(({ id, version, publishedOn, record: r }) => {
    const link = `${base}${portalPath(id)}`;
    const title = `${r.agencyName}${r.categoryLabel}决定：${r.title || r.instrumentNumber}`;
    const summary = [
      `当事人：${r.partyName}`,
      r.partyCode && `统一社会信用代码：${r.partyCode}`,
      r.instrumentNumber && `${r.instrumentName || '文书'}编号：${r.instrumentNumber}`,
      r.conclusion && `处理结果：${r.conclusion}`,
      `决定日期：${r.decidedOn}`,
      version > 1 ? `（更正后第 ${version} 版）` : '',
    ]
      .filter(Boolean)
      .join('；');
    return [
      '  <entry>',
      `    <id>${xmlText(link)}</id>`,
      `    <title type="text">${xmlText(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
      `    <published>${atomDate(publishedOn)}</published>`,
      `    <updated>${atomDate(publishedOn)}</updated>`,
      `    <author><name>${xmlText(r.agencyName)}</name></author>`,
      `    <category term="${xmlText(r.category)}" label="${xmlText(r.categoryLabel)}"/>`,
      `    <summary type="text">${xmlText(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlText(`${base}/api/public/disclosures.atom`)}</id>`,
    '  <title type="text">行政执法决定信息公开</title>',
    '  <subtitle type="text">最新公开的行政处罚、行政许可、行政强制和行政检查决定信息（个人信息已依法隐去）</subtitle>',
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${base}/api/public/disclosures.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${base}/portal/`)}"/>`,
    `  <updated>${updated}</updated>`,
    '  <generator>三项 · 行政执法三项制度管理平台</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

// --------------------------------------------------------------------------------------------- routes

/**
 * 事后公开 on the public portal and the open data API (G-1, G-2, G-3a, P-48), without signing in and
 * rate-limited with every other /api/public/* route (http/publicRateLimit.ts). Only published records
 * within their disclosure period are shown, exactly as stored (masked at publication); a withdrawn
 * one only as its withdrawal notice; a superseded version only in its successor's history.
 */
export const publicDisclosureRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/public/disclosures',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '行政执法决定信息公开：检索（中文分词，所有词均须出现）与筛选，最新公开的在前',
          querystring: listQuery,
        },
      },
      async (request) => {
        const { q, agencyId, category, from, to, page, pageSize } = request.query;
        const today = shanghaiDate();
        const terms = q ? queryTerms(q) : [];
        const question = JSON.stringify([today, terms, agencyId, category, from, to, page, pageSize]);
        return publicAnswer(
          ctx.db,
          question,
          () => {
            const c: SQL[] = [isPublic(today)];
            if (agencyId) c.push(eq(disclosures.agencyId, agencyId));
            if (category) c.push(eq(disclosures.category, category));
            if (from) c.push(gte(disclosures.publishedOn, from));
            if (to) c.push(lte(disclosures.publishedOn, to));
            return searchPublic(ctx.db, today, c, terms, page, pageSize);
          },
          ctx.config.publicAnswers,
        );
      },
    );

    app.get(
      '/api/public/disclosures/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '一条公开的决定信息，及其更正前的历史版本（已更正）',
          params: z.object({ id: z.coerce.number().int().positive() }),
        },
      },
      async (request) => {
        const [row] = await ctx.db
          .select({
            ...publicColumns,
            status: disclosures.status,
            publicUntil: disclosures.publicUntil,
            supersedesId: disclosures.supersedesId,
            correctionReason: disclosures.correctionReason,
          })
          .from(disclosures)
          .where(and(eq(disclosures.id, request.params.id), isPublic(shanghaiDate())));
        if (!row) {
          const [withdrawn] = await ctx.db
            .select({ id: disclosures.id })
            .from(disclosures)
            .where(
              and(
                eq(disclosures.id, request.params.id),
                eq(disclosures.status, 'withdrawn'),
                isNotNull(disclosures.publishedOn),
              ),
            );
          if (withdrawn) throw new DomainError('DISCLOSURE_WITHDRAWN', '该决定信息已依法撤回，不再公开', 404);
          throw notPublic();
        }
        // Earlier versions, newest first; each was corrected by the version after it, for that version's reason.
        const history: { version: number; publishedOn: string; record: DisclosureRecord; correctionReason: string }[] =
          [];
        let successor = { supersedesId: row.supersedesId, correctionReason: row.correctionReason };
        for (let depth = 0; successor.supersedesId && depth < 100; depth++) {
          const [previous] = await ctx.db
            .select({
              ...publicColumns,
              supersedesId: disclosures.supersedesId,
              correctionReason: disclosures.correctionReason,
            })
            .from(disclosures)
            .where(and(eq(disclosures.id, successor.supersedesId), eq(disclosures.status, 'superseded')));
          if (!previous?.record) break;
          history.push({
            version: previous.version,
            publishedOn: previous.publishedOn ?? '',
            record: publicRecord(previous.record),
            correctionReason: successor.correctionReason ?? '',
          });
          successor = previous;
        }
        return {
          id: row.id,
          version: row.version,
          publishedOn: row.publishedOn ?? '',
          publicUntil: row.publicUntil,
          correctionReason: row.correctionReason,
          record: publicRecord(row.record),
          history,
        };
      },
    );

    app.get(
      '/api/public/disclosures.atom',
      {
        config: { access: 'public' },
        schema: { tags, summary: `决定信息公开的 Atom 订阅源（最新 ${FEED_SIZE} 条）` },
      },
      async (request, reply) => {
        const items = await newestPublic(ctx.db, isPublic(shanghaiDate()), FEED_SIZE);
        return reply
          .type('application/atom+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(atomFeed(origin(request), items, new Date().toISOString()));
      },
    );

    app.get(
      '/api/public/withdrawals',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '撤回公告：已撤回的决定信息（执法主体、文书编号、类别、撤回日期、撤回原因），最近撤回的在前',
          querystring: z.object({
            agencyId: z.coerce.number().int().positive().optional(),
            disclosureId: z.coerce.number().int().positive().optional(),
            ...pagingSchema,
          }),
        },
      },
      async (request) => {
        const { agencyId, disclosureId, page, pageSize } = request.query;
        const c: SQL[] = [
          eq(disclosures.status, 'withdrawn'),
          isNotNull(disclosures.withdrawnOn),
          isNotNull(disclosures.publishedOn),
        ];
        if (agencyId) c.push(eq(disclosures.agencyId, agencyId));
        if (disclosureId) c.push(eq(disclosures.id, disclosureId));
        const where = and(...c) as SQL;
        const [rows, [total]] = await Promise.all([
          ctx.db
            .select({
              id: disclosures.id,
              agencyId: disclosures.agencyId,
              // The names as published; only these two fields of the withdrawn record are read.
              agencyName: sql<string>`coalesce(${disclosures.record} ->> 'agencyName', ${agencies.name})`,
              instrumentNumber: sql<string>`coalesce(${disclosures.record} ->> 'instrumentNumber', '')`,
              category: disclosures.category,
              publishedOn: disclosures.publishedOn,
              withdrawnOn: disclosures.withdrawnOn,
              reversalKind: disclosures.reversalKind,
              withdrawReason: disclosures.withdrawReason,
            })
            .from(disclosures)
            .innerJoin(agencies, eq(agencies.id, disclosures.agencyId))
            .where(where)
            .orderBy(desc(disclosures.withdrawnOn), desc(disclosures.id))
            .limit(pageSize)
            .offset((page - 1) * pageSize),
          ctx.db
            .select({ n: sql<number>`count(*)`.mapWith(Number) })
            .from(disclosures)
            .where(where),
        ]);
        const items = rows.map((r) => ({
          ...r,
          categoryLabel: DISCLOSURE_CATEGORY_LABELS[r.category as DisclosureCategory] ?? r.category,
          reversalKindLabel: r.reversalKind ? (REVERSAL_KIND_LABELS[r.reversalKind as ReversalKind] ?? '') : '',
          withdrawReason: r.withdrawReason ?? '',
        }));
        return { items, total: total?.n ?? 0, page, pageSize };
      },
    );
  };
