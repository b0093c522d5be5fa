import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  containsPersonalData,
  type DisclosureRecord,
  mergePersonalData,
  type Party,
  personalDataOf,
  publishedMonthKey,
  queryTerms,
  searchKeysOf,
  searchKeysOfText,
  shanghaiDate,
} from '@sanxiang/domain';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { agencies, disclosures } from '../src/db/schema.js';
import { disclosuresGeneration, forgetPublicAnswers, publicAnswer } from '../src/modules/disclosure/publicAnswers.js';
import { MAX_COUNT } from '../src/modules/disclosure/publicDisclosureRoutes.js';
import { forgetSearchKeyFrequencies } from '../src/modules/disclosure/searchKeyStats.js';
import { insertDisclosure, recordOf, residentId, uscc } from './support/disclosureFixture.js';
import { call, startTestApp, type TestApp } from './support/testApp.js';

/**
 * The public side of 事后公开 (G-1, G-2, G-3, G-3a, P-48) through the HTTP API: list, search, filters,
 * detail with history, Atom feed, withdrawal notices and the rate limit. Rows are written straight into
 * `disclosures` as the publisher leaves them (record masked by the domain's masking, search text from
 * searchTextOf); withdrawn, superseded, expired and pending ones must never show but as the rules say.
 */

// A natural person as the case knows her: compound surname, valid resident ID, mobile, home address.
const person: Party = {
  type: 'person',
  name: '欧阳娜娜',
  idNumber: residentId('53010219900307124'),
  address: '云南省昆明市五华区华山南路12号3栋2单元501室',
  phone: '13808712345',
  legalRepresentative: '',
};
const company: Party = {
  type: 'organization',
  name: '示例县宏达烟花爆竹有限公司',
  idNumber: uscc('91530223MA6K12345'),
  address: '示例县工业园区兴业路8号',
  phone: '0871-63123456',
  legalRepresentative: '李建国',
};
/**
 * What must not show: her data, and her husband's name (in the facts; another natural person). The
 * company's 法定代表人 李建国 is public (G-3), so his 建国 is no leak.
 */
const personal = mergePersonalData(personalDataOf(person), { personNames: ['王建国'] }, personalDataOf(company));

interface Row {
  id: number;
  record: DisclosureRecord;
}

describe(`public disclosures: list, search, detail, feed, withdrawals (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let yjj: number;
  let nyj: number;
  let published: Row; // a person, masked
  let withdrawn: Row;
  let original: Row; // superseded by `corrected`
  let corrected: Row;
  let expired: Row;
  let pending: number;
  let otherAgency: Row; // 能源局, inspection, markup in its title

  const insert = (agencyId: number, party: Party, values: Parameters<typeof insertDisclosure>[3]) =>
    insertDisclosure(t.database.db, agencyId, party, values);

  before(async () => {
    // The rate limit has its own test below; these make more requests than a minute allows one address.
    t = await startTestApp({ publicRateLimit: 100_000 });
    const db = t.database.db;
    const [a] = await db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
    const [b] = await db.select().from(agencies).where(eq(agencies.name, '示例县能源局'));
    assert.ok(a && b);
    yjj = a.id;
    nyj = b.id;

    const personRecord = recordOf(
      a,
      'penalty',
      person,
      {
        instrumentNumber: '示应急罚〔2026〕12号',
        title: '欧阳娜娜未按规定对从业人员进行安全生产教育和培训案',
        facts:
          `当事人欧阳娜娜（公民身份号码${person.idNumber}，住${person.address}，联系电话${person.phone}）` +
          '经营的烟花爆竹零售点未对从业人员进行安全生产教育和培训，由其丈夫王建国代为经营。',
        conclusion: '警告，并处罚款人民币贰万元（¥20,000.00）',
        decidedOn: '2026-03-05',
      },
      ['王建国'],
    );
    // The fixture is what the publisher would write: masked, no personal data left.
    assert.deepEqual(containsPersonalData(JSON.stringify(personRecord), personal), []);
    assert.equal(personRecord.partyName, '欧阳某某');
    published = await insert(yjj, person, { status: 'published', publishedOn: '2026-03-09', record: personRecord });

    withdrawn = await insert(yjj, company, {
      status: 'withdrawn',
      publishedOn: '2026-04-01',
      withdrawnOn: '2026-06-03',
      reversedOn: '2026-06-01',
      withdrawDueOn: '2026-06-04',
      reversalKind: 'revoked',
      withdrawReason: '经行政复议，示例县人民政府决定撤销原行政处罚决定（示政复决〔2026〕7号）',
      record: recordOf(a, 'penalty', company, {
        instrumentNumber: '示应急罚〔2026〕20号',
        title: '宏达烟花爆竹超量储存撤销案',
        facts: '当事人仓库超量储存烟花爆竹成品。',
        conclusion: '罚款人民币伍万元',
        decidedOn: '2026-03-28',
      }),
    });

    original = await insert(yjj, company, {
      status: 'superseded',
      publishedOn: '2026-05-06',
      record: recordOf(a, 'penalty', company, {
        instrumentNumber: '示应急罚〔2026〕31号',
        title: '宏达烟花爆竹未设置安全警示标志案',
        facts: '当事人生产车间未设置明显的安全警示标志（原稿笔误：仓储区叁号库）。',
        conclusion: '罚款人民币叁万元',
        decidedOn: '2026-04-30',
      }),
    });
    corrected = await insert(yjj, company, {
      status: 'published',
      version: 2,
      supersedesId: original.id,
      publishedOn: '2026-05-12',
      correctionReason: '原公开信息中罚款金额有误，依决定书更正',
      record: recordOf(a, 'penalty', company, {
        instrumentNumber: '示应急罚〔2026〕31号',
        title: '宏达烟花爆竹未设置安全警示标志案',
        facts: '当事人生产车间未设置明显的安全警示标志。',
        conclusion: '罚款人民币贰万伍仟元',
        decidedOn: '2026-04-30',
      }),
    });

    expired = await insert(
      yjj,
      { ...person, name: '司马光明' },
      {
        status: 'published',
        publishedOn: '2018-01-10',
        publicUntil: '2020-01-10',
        record: recordOf(
          a,
          'penalty',
          { ...person, name: '司马光明' },
          {
            instrumentNumber: '示安监罚〔2018〕2号',
            title: '司马光明非法储存烟花爆竹案',
            facts: '当事人在住宅内非法储存烟花爆竹。',
            conclusion: '没收非法储存的烟花爆竹，并处罚款人民币伍仟元',
            decidedOn: '2018-01-03',
          },
        ),
      },
    );

    pending = (await insert(yjj, company, { status: 'pending', record: null })).id;

    otherAgency = await insert(nyj, company, {
      status: 'published',
      publishedOn: '2026-07-15',
      record: recordOf(b, 'inspection', company, {
        instrumentNumber: '',
        title: '油气管道保护检查 <现场> & “整改”',
        facts: '检查发现管道标识缺失（阀门型号GX1），已责令整改。',
        conclusion: '责令限期整改',
        decidedOn: '2026-07-10',
      }),
    });
  });
  after(() => t?.close());

  const get = (url: string) => call(t.app, null, 'GET', url);
  const ids = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return (res.json().items as { id: number }[]).map((i) => i.id);
  };
  const q = (s: string) => `/api/public/disclosures?q=${encodeURIComponent(s)}`;

  /** Copies of `published` with `words` added to their search text, one published on each of `days`: their ids. */
  const insertCopies = async (words: string, days: string[]) => {
    const [first] = await t.database.db.select().from(disclosures).where(eq(disclosures.id, published.id));
    assert.ok(first);
    const { id: _id, createdAt: _c, ...row } = first;
    const searchText = `${row.searchText} ${words}`;
    const rows = days.map((publishedOn) => ({
      ...row,
      publishedOn,
      searchText,
      searchKeys: [...searchKeysOfText(searchText), publishedMonthKey(publishedOn)],
    }));
    return (await t.database.db.insert(disclosures).values(rows).returning({ id: disclosures.id })).map((r) => r.id);
  };
  const removeCopies = (ids: number[]) => t.database.db.delete(disclosures).where(inArray(disclosures.id, ids));

  it('lists the public disclosures newest first, exactly as stored, without personal data', async () => {
    const res = await get('/api/public/disclosures');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      body.items.map((i: { id: number }) => i.id),
      [otherAgency.id, corrected.id, published.id],
    );
    assert.equal(body.total, 3);
    assert.equal(body.page, 1);
    assert.equal(body.pageSize, 20);
    const first = body.items.find((i: { id: number }) => i.id === published.id);
    assert.deepEqual(first, { id: published.id, version: 1, publishedOn: '2026-03-09', record: published.record });
    assert.equal(first.record.partyName, '欧阳某某');
    assert.deepEqual(containsPersonalData(res.body, personal), []);
    for (const word of ['欧阳娜娜', '娜娜', '13808712345', '华山南路', person.idNumber, '王建国']) {
      assert.equal(res.body.includes(word), false, word);
    }
  });

  it('pages', async () => {
    const res = (await get('/api/public/disclosures?page=2&pageSize=2')).json();
    assert.deepEqual(
      res.items.map((i: { id: number }) => i.id),
      [published.id],
    );
    assert.equal(res.total, 3);
  });

  it('filters by agency, category and publication date', async () => {
    assert.deepEqual(await ids(`/api/public/disclosures?agencyId=${nyj}`), [otherAgency.id]);
    assert.deepEqual(await ids(`/api/public/disclosures?agencyId=${yjj}`), [corrected.id, published.id]);
    assert.deepEqual(await ids('/api/public/disclosures?category=inspection'), [otherAgency.id]);
    assert.deepEqual(await ids('/api/public/disclosures?category=license'), []);
    assert.deepEqual(await ids('/api/public/disclosures?from=2026-05-01&to=2026-06-30'), [corrected.id]);
    assert.deepEqual(await ids('/api/public/disclosures?to=2026-03-09'), [published.id]);
    assert.deepEqual(await ids('/api/public/disclosures?from=2026-03-10'), [otherAgency.id, corrected.id]);
    const bad = await get('/api/public/disclosures?from=2026-02-30');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /起始日期：应为有效日期/);
    assert.equal((await get('/api/public/disclosures?category=secret')).statusCode, 400);
  });

  it('searches the segmented words: every word of the query must occur', async () => {
    assert.deepEqual(await ids(q('欧阳某某')), [published.id]);
    assert.deepEqual(await ids(q('安全生产 培训')), [published.id]);
    assert.deepEqual(await ids(q('罚款')), [corrected.id, published.id]);
    assert.deepEqual(await ids(q('应急管理局 罚款 警告')), [published.id]);
    assert.deepEqual(await ids(q('示应急罚〔2026〕12号')), [published.id]);
    // Part of a document number: its beginning, or without the agency's prefix.
    assert.deepEqual(await ids(q('示应急罚〔2026〕1')), [published.id]);
    assert.deepEqual(await ids(q('应急罚〔2026〕12号')), [published.id]);
    assert.deepEqual(await ids(q('宏达烟花爆竹')), [otherAgency.id, corrected.id]);
    assert.deepEqual(await ids(q(company.idNumber.toLowerCase())), [otherAgency.id, corrected.id]);
    assert.deepEqual(await ids(q('管道 整改')), [otherAgency.id]);
    assert.deepEqual(await ids(q('管道 培训')), []);
    // LIKE's own characters are matched literally.
    assert.deepEqual(await ids(q('%')), [otherAgency.id, corrected.id, published.id]);
    assert.deepEqual(await ids(q('gx1')), [otherAgency.id]);
    assert.deepEqual(await ids(q('g_1')), []);
    // Combined with a filter.
    assert.deepEqual(await ids(`${q('宏达')}&agencyId=${yjj}`), [corrected.id]);
  });

  it('keeps answers, and sees at once a change to the disclosures made by any path', async () => {
    let computed = 0;
    const answer = () => publicAnswer(t.database.db, 'a question', async () => ++computed);
    assert.equal(await answer(), 1);
    assert.equal(await answer(), 1, 'kept');
    assert.deepEqual(await Promise.all([answer(), answer()]), [1, 1]);
    let uncached = 0;
    const never = () => publicAnswer(t.database.db, 'another', async () => ++uncached, 0);
    assert.deepEqual([await never(), await never()], [1, 2], 'PUBLIC_ANSWERS=0 keeps nothing');

    const url = q('罚款');
    const first = await ids(url);
    assert.deepEqual(first, [corrected.id, published.id]);
    const [kept] = await t.database.db
      .select({ publicUntil: disclosures.publicUntil })
      .from(disclosures)
      .where(eq(disclosures.id, corrected.id));
    const before = await disclosuresGeneration(t.database.db);
    // By hand, as another server process or an administrator would: the record's disclosure period ends.
    await t.database.db.update(disclosures).set({ publicUntil: '2000-01-01' }).where(eq(disclosures.id, corrected.id));
    assert.equal(await disclosuresGeneration(t.database.db), before + 1, 'the statement raised the counter');
    assert.equal(await answer(), 2, 'computed again');
    assert.deepEqual(await ids(url), [published.id]);
    await t.database.db
      .update(disclosures)
      .set({ publicUntil: kept?.publicUntil ?? null })
      .where(eq(disclosures.id, corrected.id));
    assert.deepEqual(await ids(url), first);
    // A rolled-back change raises nothing.
    const settled = await disclosuresGeneration(t.database.db);
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await tx.update(disclosures).set({ publicUntil: '2000-01-01' }).where(eq(disclosures.id, corrected.id));
        throw new Error('rollback');
      }),
    );
    assert.equal(await disclosuresGeneration(t.database.db), settled);
    assert.deepEqual(await ids(url), first);
  });

  it('the search index keys: every record stores the keys of each of its words', async () => {
    const rows = await t.database.db
      .select({ s: disclosures.searchText, keys: disclosures.searchKeys })
      .from(disclosures)
      .where(sql`search_text <> ''`);
    assert.ok(rows.length > 3);
    for (const { s, keys } of rows) {
      const stored = new Set(keys);
      for (const word of s.split(' ')) for (const k of searchKeysOf(word)) assert.ok(stored.has(k), `${word}: ${k}`);
    }
    assert.deepEqual(searchKeysOfText('𠀋𠀌a 罚 罚款款').sort(), ['𠀋𠀌', '𠀌a', '罚款', '款款'].sort());
  });

  it('a two-character word is found by its index key alone, exactly as LIKE finds it; a longer one is confirmed in the text', async () => {
    // 加油 and 油站 as two words: the copy has both keys of 加油站, and not the word.
    const [copy] = await insertCopies('加油 油站', [published.record.decidedOn]);
    assert.ok(copy);
    try {
      const likeFinds = async (word: string) =>
        (
          await t.database.db
            .select({ id: disclosures.id })
            .from(disclosures)
            .where(
              sql`status = 'published' and (public_until is null or public_until >= current_date) and search_text like ${`%${word}%`}`,
            )
            .orderBy(desc(disclosures.publishedOn), desc(disclosures.id))
        ).map((r) => r.id);
      assert.deepEqual(await ids(q('加油')), [copy]);
      assert.deepEqual(await ids(q('油站')), [copy]);
      assert.deepEqual(await ids(q('加油站')), []);
      // Every two-character word of the records that a query keeps whole: the index finds what LIKE finds.
      const words = new Set(
        (await t.database.db.select({ s: disclosures.searchText }).from(disclosures))
          .flatMap((r) => r.s.split(' '))
          .filter((w) => Array.from(w).length === 2 && queryTerms(w).join() === w),
      );
      assert.ok(words.size > 20, `${words.size} words`);
      for (const word of words) assert.deepEqual(await ids(q(word)), (await likeFinds(word)).slice(0, 20), word);
    } finally {
      await removeCopies([copy]);
    }
  });

  it('migration 0013 gives the records published before it the keys searchKeysOfText gives them now', async () => {
    const [row] = await t.database.db
      .select({
        id: disclosures.id,
        s: disclosures.searchText,
        keys: disclosures.searchKeys,
        publishedOn: disclosures.publishedOn,
      })
      .from(disclosures)
      .where(eq(disclosures.id, published.id));
    assert.ok(row?.publishedOn);
    assert.ok(row.s.includes('示应急罚[2026]12号'));
    const before = row.keys.filter((k) => !/^\[[0-9]+\][0-9]+$/.test(k)); // as published before 0013
    await t.database.db.update(disclosures).set({ searchKeys: before }).where(eq(disclosures.id, row.id));
    const migration = readFileSync(
      new URL('../src/db/migrations/0013_search_document_numbers.sql', import.meta.url),
      'utf8',
    );
    await t.database.db.execute(sql.raw(migration));
    const [after] = await t.database.db
      .select({ keys: disclosures.searchKeys })
      .from(disclosures)
      .where(eq(disclosures.id, row.id));
    assert.deepEqual(
      [...(after?.keys ?? [])].sort(),
      [...searchKeysOfText(row.s), publishedMonthKey(row.publishedOn)].sort(),
    );
    assert.ok(after?.keys.includes('[2026]12'));
    assert.ok(before.length < (after?.keys.length ?? 0));
  });

  it('migration 0014 gives the records published before it their month key, and none to a withdrawn one', async () => {
    const rows = await t.database.db
      .select({ id: disclosures.id, keys: disclosures.searchKeys, publishedOn: disclosures.publishedOn })
      .from(disclosures)
      .where(inArray(disclosures.id, [published.id, otherAgency.id, withdrawn.id]));
    const month = (r: (typeof rows)[number]) => publishedMonthKey(r.publishedOn ?? '');
    for (const r of rows) {
      await t.database.db
        .update(disclosures)
        .set({ searchKeys: r.keys.filter((k) => !k.startsWith('@')) })
        .where(eq(disclosures.id, r.id));
    }
    const migration = readFileSync(
      new URL('../src/db/migrations/0014_published_month_keys.sql', import.meta.url),
      'utf8',
    );
    await t.database.db.execute(sql.raw(migration));
    await t.database.db.execute(sql.raw(migration)); // once more: nothing added twice
    const after = await t.database.db
      .select({ id: disclosures.id, keys: disclosures.searchKeys })
      .from(disclosures)
      .where(inArray(disclosures.id, [published.id, otherAgency.id, withdrawn.id]));
    for (const r of rows) {
      const keys = after.find((a) => a.id === r.id)?.keys ?? [];
      if (r.id === withdrawn.id) assert.ok(!keys.some((k) => k.startsWith('@')), keys.join(' '));
      else assert.deepEqual([...keys].sort(), [...r.keys].sort(), `${r.id}: ${month(r)}`);
    }
    assert.ok(rows.filter((r) => r.id !== withdrawn.id).every((r) => r.keys.includes(month(r))));
  });

  it('finds nothing personal (G-3), withdrawn (G-2), superseded or expired (G-3a)', async () => {
    for (const word of ['欧阳娜娜', '娜娜', '王建国', '13808712345', '华山南路', person.idNumber]) {
      assert.deepEqual(await ids(q(word)), [], word);
    }
    assert.deepEqual(await ids(q('超量储存')), [], 'withdrawn');
    assert.deepEqual(await ids(q('示应急罚〔2026〕20号')), [], 'withdrawn');
    assert.deepEqual(await ids(q('叁万元')), [], 'superseded');
    assert.deepEqual(await ids(q('笔误')), [], 'superseded');
    assert.deepEqual(await ids(q('司马某某')), [], 'expired');
    assert.deepEqual(await ids(q('非法储存')), [], 'expired');
    // The search index holds no personal data either. Each row is checked against its own case's people:
    // the index splits the company's public 李建国 into 李|建国, which is not her husband's 建国.
    const rows = await t.database.db.select({ id: disclosures.id, s: disclosures.searchText }).from(disclosures);
    for (const { id, s } of rows) {
      assert.deepEqual(containsPersonalData(s, personalDataOf(person)), [], s);
      if (id === published.id) assert.deepEqual(containsPersonalData(s, personal), [], s);
    }
  });

  it('shows a disclosure with its earlier versions, marked corrected, with the reason', async () => {
    const res = await get(`/api/public/disclosures/${corrected.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.id, corrected.id);
    assert.equal(body.version, 2);
    assert.equal(body.publishedOn, '2026-05-12');
    assert.deepEqual(body.record, corrected.record);
    assert.equal(body.correctionReason, '原公开信息中罚款金额有误，依决定书更正');
    assert.deepEqual(body.history, [
      {
        version: 1,
        publishedOn: '2026-05-06',
        record: original.record,
        correctionReason: '原公开信息中罚款金额有误，依决定书更正',
      },
    ]);

    const single = (await get(`/api/public/disclosures/${published.id}`)).json();
    assert.deepEqual(single.record, published.record);
    assert.deepEqual(single.history, []);
    assert.deepEqual(containsPersonalData(JSON.stringify(single), personal), []);
  });

  it('answers 404 in Chinese for withdrawn, superseded, expired, pending and unknown disclosures', async () => {
    const w = await get(`/api/public/disclosures/${withdrawn.id}`);
    assert.equal(w.statusCode, 404);
    assert.equal(w.json().code, 'DISCLOSURE_WITHDRAWN');
    assert.match(w.json().message, /已依法撤回/);
    assert.equal(w.body.includes('超量储存'), false);
    for (const id of [original.id, expired.id, pending, 999_999]) {
      const res = await get(`/api/public/disclosures/${id}`);
      assert.equal(res.statusCode, 404, String(id));
      assert.equal(res.json().code, 'NOT_FOUND');
      assert.match(res.json().message, /未找到该公开信息/);
    }
    assert.equal((await get('/api/public/disclosures/abc')).statusCode, 400);
  });

  it('publishes an Atom feed of the public disclosures, escaped, linking to the portal', async () => {
    const res = await get('/api/public/disclosures.atom');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const xml = res.body;
    assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    const entries = xml.split('<entry>').slice(1);
    assert.equal(entries.length, 3);
    const links = entries.map((e) => /<link rel="alternate" type="text\/html" href="([^"]+)"\/>/.exec(e)?.[1]);
    assert.deepEqual(links, [
      `http://localhost:80/portal/disclosures/${otherAgency.id}`,
      `http://localhost:80/portal/disclosures/${corrected.id}`,
      `http://localhost:80/portal/disclosures/${published.id}`,
    ]);
    assert.match(xml, /<updated>2026-07-15T00:00:00\+08:00<\/updated>/);
    assert.ok(xml.includes('油气管道保护检查 &lt;现场&gt; &amp; “整改”'), 'markup escaped');
    assert.equal(/&(?!(amp|lt|gt|quot|apos);)/.test(xml), false, 'no bare ampersand');
    assert.ok(xml.includes('当事人：欧阳某某'));
    for (const gone of ['超量储存', '叁万元', '司马', '示应急罚〔2026〕20号'])
      assert.equal(xml.includes(gone), false, gone);
    assert.deepEqual(containsPersonalData(xml, personal), []);
  });

  it('lists withdrawal notices with the reversal and reason, and nothing of the withdrawn record', async () => {
    const res = await get('/api/public/withdrawals');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 1);
    assert.deepEqual(body.items, [
      {
        id: withdrawn.id,
        agencyId: yjj,
        agencyName: '示例县应急管理局',
        instrumentNumber: '示应急罚〔2026〕20号',
        category: 'penalty',
        categoryLabel: '行政处罚',
        publishedOn: '2026-04-01',
        withdrawnOn: '2026-06-03',
        reversalKind: 'revoked',
        reversalKindLabel: '被依法撤销',
        withdrawReason: '经行政复议，示例县人民政府决定撤销原行政处罚决定（示政复决〔2026〕7号）',
      },
    ]);
    for (const word of ['超量储存', '伍万元', '宏达']) assert.equal(res.body.includes(word), false, word);
    assert.deepEqual(await ids(`/api/public/withdrawals?disclosureId=${withdrawn.id}`), [withdrawn.id]);
    assert.deepEqual(await ids(`/api/public/withdrawals?disclosureId=${published.id}`), []);
    assert.deepEqual(await ids(`/api/public/withdrawals?agencyId=${nyj}`), []);
  });

  it('counts up to 1000 hits, then walks the newest first: the same pages, newest first', async () => {
    const inserted = await insertCopies(
      '翡翠蛟龙',
      Array.from({ length: MAX_COUNT + 5 }, (_, i) => `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`),
    );
    try {
      const expected = (
        await t.database.db
          .select({ id: disclosures.id })
          .from(disclosures)
          .where(sql`search_text like '%翡翠蛟龙%'`)
          .orderBy(desc(disclosures.publishedOn), desc(disclosures.id))
      ).map((r) => r.id);
      const pageOf = async (page: number) => {
        const res = await get(`${q('翡翠蛟龙')}&page=${page}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(
          res.json().items.map((i: { id: number }) => i.id),
          expected.slice((page - 1) * 20, page * 20),
          `page ${page}`,
        );
        return res.json();
      };
      // Without statistics (a database never analysed) every search is counted through the index.
      for (const page of [1, 2, 53]) {
        const body = await pageOf(page);
        assert.equal(body.total, MAX_COUNT);
        assert.equal(body.totalCapped, true);
      }
      const few = await get(q('翡翠蛟'));
      assert.equal(few.json().totalCapped, true);
      const none = await get(`${q('罚款')}&from=2026-11-01`);
      assert.equal(none.json().totalCapped, false);
      // With them the word is known to be common: the newest are walked, the same pages, not counted.
      await t.database.db.execute(sql`analyze disclosures`);
      forgetSearchKeyFrequencies(t.database.db);
      forgetPublicAnswers(t.database.db); // the same answers, found another way
      for (const page of [1, 2, 50]) {
        const body = await pageOf(page);
        assert.equal(body.total, null);
        assert.equal(body.hasMore, true);
      }
      // The last page: nothing after it, so it is counted again.
      const last = await pageOf(51);
      assert.equal(last.hasMore, false);
      assert.equal(last.items.length, expected.length - 1000);
      // With statistics, the rarest keys go to the index: a part of a document number still finds it (in
      // `published` and its 1 005 copies here).
      for (const part of ['示应急罚〔2026〕12号', '示应急罚〔2026〕1', '应急罚〔2026〕12号']) {
        const found = (await get(q(part))).json();
        assert.equal(found.items.length, 20, part);
        for (const item of found.items) assert.equal(item.record.instrumentNumber, '示应急罚〔2026〕12号', part);
      }
    } finally {
      await removeCopies(inserted);
    }
  });

  it("with many hits, the first pages are looked for among the last months' records first: the same pages", async () => {
    // 260 records with 青鸾 and 琥珀, published every day or two over the ten months up to today.
    const today = Date.parse(shanghaiDate());
    const inserted = await insertCopies(
      '青鸾 琥珀',
      Array.from({ length: 260 }, (_, i) =>
        new Date(today - Math.floor(i * 1.2) * 86_400_000).toISOString().slice(0, 10),
      ),
    );
    try {
      const expected = (
        await t.database.db
          .select({ id: disclosures.id })
          .from(disclosures)
          .where(sql`search_text like '%青鸾%' and search_text like '%琥珀%' and status = 'published'`)
          .orderBy(desc(disclosures.publishedOn), desc(disclosures.id))
      ).map((r) => r.id);
      assert.equal(expected.length, 260);
      for (const page of [1, 2, 3, 4, 5, 10, 11, 13]) {
        const res = await get(`${q('青鸾 琥珀')}&page=${page}`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.deepEqual(
          body.items.map((i: { id: number }) => i.id),
          expected.slice((page - 1) * 20, page * 20),
          `page ${page}`,
        );
        assert.equal(body.total, 260);
      }
    } finally {
      await removeCopies(inserted);
    }
  });

  it('keeps withdrawn (G-2) and expired (G-3a) rows in the archive', async () => {
    const rows = await t.database.db.select({ id: disclosures.id, record: disclosures.record }).from(disclosures);
    for (const row of [withdrawn, expired, original]) {
      assert.deepEqual(rows.find((r) => r.id === row.id)?.record, row.record);
    }
  });
});

describe('rate limit of the public API', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ demo: false, publicRateLimit: 5 });
  });
  after(() => t?.close());

  it('answers 429 in Chinese past the limit, counting all /api/public/* together, and limits nothing else', async () => {
    const urls = [
      '/api/public/disclosures',
      '/api/public/agencies',
      '/api/public/disclosures.atom',
      '/api/public/withdrawals',
      '/api/public/officers',
    ];
    for (const url of urls) {
      const res = await call(t.app, null, 'GET', url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['x-ratelimit-limit'], '5');
    }
    const refused = await call(t.app, null, 'GET', '/api/public/disclosures?q=罚款');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().code, 'RATE_LIMITED');
    assert.match(refused.json().message, /访问过于频繁：每分钟最多 5 次，请 \d+ 秒后再试/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Another client address has its own budget; other routes are not limited.
    const other = await t.app.inject({ method: 'GET', url: '/api/public/agencies', remoteAddress: '10.1.2.3' });
    assert.equal(other.statusCode, 200);
    for (let i = 0; i < 8; i++) {
      const health = await call(t.app, null, 'GET', '/api/health');
      assert.equal(health.statusCode, 200);
      assert.equal(health.headers['x-ratelimit-limit'], undefined);
    }
  });
});
