import { loadavg } from 'node:os';
import {
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
  type DisclosureRecord,
  searchColumnsOf,
} from '@sanxiang/domain';
import { sql } from 'drizzle-orm';
import { DEFAULT_PUBLIC_ANSWERS } from '../apps/server/src/config.js';
import { type Db, openDatabase } from '../apps/server/src/db/connection.js';
import { agencies, cases, disclosures } from '../apps/server/src/db/schema.js';
import { loadDemoData } from '../apps/server/src/demo/demoData.js';
import { forgetPublicAnswers } from '../apps/server/src/modules/disclosure/publicAnswers.js';
import { ensureLedger } from '../apps/server/src/modules/ledger/ledgerStore.js';
import { ensureRegions } from '../apps/server/src/modules/registry/regionData.js';
import { benchApps } from './benchApp.js';
import { freshDb } from './freshDatabase.js';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const REQUESTS = Number(process.env.REQUESTS ?? 20);
const SIZES = {
  pglite: Number(process.env.N_PGLITE ?? 100_000),
  postgres: Number(process.env.N_POSTGRES ?? 1_000_000),
};
const BATCH = 500;
const THINK_MS = Number(process.env.THINK_MS ?? 1000);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

// ------------------------------------------------------------------------------------------ generator

/** Deterministic pseudo-random numbers (mulberry32), so every run makes the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const PLACES = [
  '示例',
  '云岭',
  '滇池',
  '金马',
  '碧鸡',
  '翠湖',
  '五华',
  '盘龙',
  '官渡',
  '呈贡',
  '安宁',
  '嵩明',
  '宜良',
  '石林',
  '禄劝',
  '寻甸',
  '晋宁',
  '富民',
  '东川',
  '昆阳',
];
const TRADE_NAMES = [
  '宏达',
  '鑫源',
  '恒泰',
  '顺发',
  '兴隆',
  '永安',
  '华宇',
  '金盛',
  '瑞丰',
  '长青',
  '博远',
  '聚源',
  '锦程',
  '泰和',
  '万通',
  '天成',
  '新世纪',
  '盛世',
  '康达',
  '利民',
];
const INDUSTRIES: { name: string; field: string; violations: [string, string, string][] }[] = [
  {
    name: '烟花爆竹经营部',
    field: 'emergency',
    violations: [
      ['超量储存烟花爆竹', '《烟花爆竹安全管理条例》第二十条', '《烟花爆竹安全管理条例》第三十八条'],
      ['未取得许可证经营烟花爆竹', '《烟花爆竹安全管理条例》第三条', '《烟花爆竹安全管理条例》第三十六条第二款'],
    ],
  },
  {
    name: '化工有限公司',
    field: 'emergency',
    violations: [
      [
        '未按规定对从业人员进行安全生产教育和培训',
        '《中华人民共和国安全生产法》第二十八条第一款',
        '《中华人民共和国安全生产法》第九十七条第三项',
      ],
      [
        '未对重大危险源登记建档',
        '《中华人民共和国安全生产法》第四十条第一款',
        '《中华人民共和国安全生产法》第一百零一条第二项',
      ],
      [
        '危险化学品储存场所安全警示标志缺失',
        '《中华人民共和国安全生产法》第三十五条',
        '《中华人民共和国安全生产法》第九十九条第一项',
      ],
    ],
  },
  {
    name: '餐饮店',
    field: 'market',
    violations: [
      [
        '经营超过保质期的食品',
        '《中华人民共和国食品安全法》第三十四条第十项',
        '《中华人民共和国食品安全法》第一百二十四条第一款第五项',
      ],
      [
        '从业人员未取得健康证明从事接触直接入口食品的工作',
        '《中华人民共和国食品安全法》第四十五条',
        '《中华人民共和国食品安全法》第一百二十六条第一款第六项',
      ],
    ],
  },
  {
    name: '建筑工程有限公司',
    field: 'housing',
    violations: [
      [
        '施工现场未采取扬尘污染防治措施',
        '《中华人民共和国大气污染防治法》第六十九条第三款',
        '《中华人民共和国大气污染防治法》第一百一十五条第一款',
      ],
      ['未取得施工许可证擅自施工', '《中华人民共和国建筑法》第七条', '《建筑工程施工许可管理办法》第十二条'],
    ],
  },
  {
    name: '养殖专业合作社',
    field: 'agriculture',
    violations: [
      ['使用未经检疫的种畜', '《中华人民共和国动物防疫法》第五十一条', '《中华人民共和国动物防疫法》第一百条'],
      ['经营假兽药', '《兽药管理条例》第二十七条第三款', '《兽药管理条例》第五十六条第一款'],
    ],
  },
  {
    name: '加油站',
    field: 'commerce',
    violations: [
      ['成品油经营许可证超期经营', '《成品油市场管理办法》第二十二条', '《成品油市场管理办法》第五十三条'],
      [
        '消防设施未保持完好有效',
        '《中华人民共和国消防法》第十六条第一款第二项',
        '《中华人民共和国消防法》第六十条第一款第一项',
      ],
    ],
  },
];
const SANCTIONS = ['警告', '罚款', '没收违法所得', '责令停产停业整顿', '暂扣许可证件'];
const CATEGORIES: DisclosureCategory[] = [
  'penalty',
  'penalty',
  'penalty',
  'penalty',
  'coercion',
  'inspection',
  'license',
];
const CN_DIGITS = '零壹贰叁肆伍陆柒捌玖';

interface Gen {
  record: DisclosureRecord;
  publishedOn: string;
}

/**
 * One published record, masked as the publisher leaves it: organisations by name, persons as 张某某. Record
 * `i` of `n` is published on day i·680/n of the two years 2025-01-08 … 2026-11-18, so that the rows lie in the table
 * in the order they were published, as a portal's do (its records are appended as they are published; until
 * 30 November the dates were drawn at random, which scattered the newest records over the whole table).
 */
function makeRecord(
  i: number,
  n: number,
  rnd: () => number,
  agenciesList: { id: number; name: string; abbr: string }[],
): Gen {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const agency = pick(agenciesList);
  const industry = pick(INDUSTRIES);
  const [violation, provision, basis] = pick(industry.violations);
  const category = pick(CATEGORIES);
  const person = rnd() < 0.3;
  const surname = pick([...SURNAMES]);
  const partyName = person ? `${surname}某某` : `${pick(PLACES)}县${pick(TRADE_NAMES)}${industry.name}`;
  const legalRep = person ? '' : `${pick([...SURNAMES])}某某`;
  const published = new Date(Date.UTC(2025, 0, 8 + Math.floor((i * 680) / n)));
  const decided = new Date(published.getTime() - (1 + Math.floor(rnd() * 6)) * 86_400_000);
  const decidedOn = decided.toISOString().slice(0, 10);
  const year = decidedOn.slice(0, 4);
  const amount = (1 + Math.floor(rnd() * 50)) * 1000;
  const sanction = category === 'penalty' ? pick(SANCTIONS) : '';
  const conclusion =
    category === 'penalty'
      ? `给予${sanction === '罚款' ? `罚款人民币${amount.toLocaleString('en-US')}元（${CN_DIGITS[amount / 10000 >= 1 ? Math.floor(amount / 10000) : 0]}万元）` : sanction}的行政处罚`
      : category === 'coercion'
        ? '查封涉案场所、设施、财物，期限三十日'
        : category === 'inspection'
          ? '责令限期十五日内整改'
          : '准予行政许可';
  const code = `91530${String(100_000_000_000 + i).slice(0, 12)}X`;
  return {
    publishedOn: published.toISOString().slice(0, 10),
    record: {
      agencyId: agency.id,
      agencyName: agency.name,
      regionCode: '530223',
      category,
      categoryLabel: DISCLOSURE_CATEGORY_LABELS[category],
      partyType: person ? 'person' : 'organization',
      partyName,
      partyCode: person ? '' : code,
      legalRepresentative: legalRep,
      instrumentType: category === 'penalty' ? 'penaltyDecision' : '',
      instrumentName: category === 'penalty' ? '行政处罚决定书' : '',
      instrumentNumber: `${agency.abbr}罚〔${year}〕${(i % 5000) + 1}号`,
      title: `${partyName}${violation}案`,
      facts: `经查，${partyName}于${year}年在经营活动中${violation}，执法人员现场检查时发现并制作了现场检查笔录，当事人对上述事实无异议。`,
      violatedProvision: provision,
      legalBasis: basis,
      conclusion,
      decidedOn,
    },
  };
}

async function generate(db: Db, n: number) {
  const list = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(sql`role = 'agency'`);
  const agenciesList = list.map((a) => ({ ...a, abbr: `示${a.name.replace(/^示例县/, '').slice(0, 2)}` }));
  // Each disclosure needs its case: a few hundred shared ones are enough for the foreign key.
  const caseRows = await db
    .insert(cases)
    .values(
      Array.from({ length: 200 }, (_, k) => ({
        agencyId: agenciesList[k % agenciesList.length]?.id ?? 1,
        caseNo: `基准〔2026〕${k + 1}号`,
        procedure: 'penalty.general',
        field: 'emergency',
        title: '公示检索基准',
        source: 'inspection',
        state: 'closed',
        leadOn: '2025-01-02',
        party: { type: 'organization', name: '基准', idNumber: '', address: '', phone: '', legalRepresentative: '' },
      })),
    )
    .returning({ id: cases.id });
  const rnd = prng(20261129);
  const t0 = performance.now();
  const samples: DisclosureRecord[] = [];
  for (let i = 0; i < n; i += BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const g = makeRecord(j, n, rnd, agenciesList);
      if (j % 997 === 0) samples.push(g.record);
      rows.push({
        agencyId: g.record.agencyId as number,
        caseId: caseRows[j % caseRows.length]?.id ?? 1,
        category: g.record.category,
        status: 'published',
        decidedOn: g.record.decidedOn,
        dueOn: g.record.decidedOn,
        publishedOn: g.publishedOn,
        publicUntil: '2099-12-31',
        record: g.record,
        ...searchColumnsOf(g.record, g.publishedOn),
      });
    }
    await db.insert(disclosures).values(rows);
    if ((i / BATCH) % 200 === 0) process.stdout.write(`\r  generated ${i + rows.length} / ${n}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`\r  generated ${n} in ${seconds.toFixed(0)} s (${(n / seconds).toFixed(0)} rows/s)\n`);
  return { agenciesList, samples };
}

// ------------------------------------------------------------------------------------------ load

/**
 * Runs `work(client, i)` REQUESTS times per client, all clients at once; latencies by label. With
 * `thinkMs`, each client waits a random 0.5–1.5 × thinkMs between its requests, as people do, and makes its
 * first at a random moment within the first thinkMs: people do not all click at the same instant (until 30
 * November they all started together, and that first burst of 50 searches, each the first of its kind, made
 * up most of the slowest 5 % on its own).
 */
async function concurrently(work: (client: number, i: number) => Promise<string>, thinkMs = 0) {
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * Math.random()));
      for (let i = 0; i < REQUESTS; i++) {
        const s = performance.now();
        const kind = await work(client, i);
        const d = performance.now() - s;
        all.push(d);
        byKind.set(kind, [...(byKind.get(kind) ?? []), d]);
        if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  return { all, byKind, seconds: (performance.now() - t0) / 1000 };
}

/** A fresh database with the demo county and `n` generated disclosures, the search index built after. */
async function prepare(engine: 'pglite' | 'postgres', n: number) {
  const database = await freshDb(engine);
  const db = database.db;
  await ensureRegions(db);
  await ensureLedger(db, { origin: 'sanxiang.bench/portal' });
  await loadDemoData(db);
  // Loaded without the search index, which is then built once, as a bulk import would.
  await db.execute(sql`drop index disclosures_search_keys_idx`);
  const { agenciesList, samples } = await generate(db, n);
  const t1 = performance.now();
  if (engine === 'postgres') await db.execute(sql`set maintenance_work_mem = '512MB'`);
  await db.execute(
    sql`create index disclosures_search_keys_idx on disclosures using gin (search_keys) where status = 'published'`,
  );
  // What autovacuum does after a bulk load: statistics, and the visibility map.
  await db.execute(sql`vacuum analyze disclosures`);
  const size = await db.execute(
    sql`select pg_size_pretty(pg_relation_size('disclosures_search_keys_idx')) as idx, pg_size_pretty(pg_total_relation_size('disclosures')) as total`,
  );
  console.log(
    `  search index built in ${((performance.now() - t1) / 1000).toFixed(0)} s; sizes: ${JSON.stringify((size as unknown as { rows: unknown[] }).rows[0])}`,
  );
  return { database, agenciesList, samples };
}

/** A database this benchmark made earlier and kept (KEEP=1): its agencies and a sample of its records. */
async function reuse(url: string) {
  const database = await openDatabase({ databaseUrl: url });
  const list = await database.db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(sql`role = 'agency'`);
  const agenciesList = list.map((a) => ({ ...a, abbr: `示${a.name.replace(/^示例县/, '').slice(0, 2)}` }));
  const rows = await database.db
    .select({ record: disclosures.record })
    .from(disclosures)
    .where(sql`id % 997 = 0`)
    .limit(1000);
  return { database, agenciesList, samples: rows.map((r) => r.record as DisclosureRecord) };
}

async function run(engine: 'pglite' | 'postgres') {
  const n = SIZES[engine];
  const kept = engine === 'postgres' ? process.env.PORTAL_DB_URL : undefined;
  console.log(`\n${engine}: ${kept ? 'the kept database' : `${n.toLocaleString('en-US')} published disclosures`}`);
  const { database, agenciesList, samples } = kept ? await reuse(kept) : await prepare(engine, n);
  if (!kept && process.env.KEEP && 'url' in database) console.log(`  keeping ${database.url}`);
  const db = database.db;
  // The server as deployed (answers kept: PUBLIC_ANSWERS' default), and one that keeps none, which shows
  // what each search costs the database.
  const apps = await benchApps(database, 'sanxiang.bench/portal');
  const startApp = (publicAnswers: number) => apps.start({ publicRateLimit: 1_000_000, publicAnswers });
  const servers = { kept: await startApp(DEFAULT_PUBLIC_ANSWERS), none: await startApp(0) };

  // What citizens search for: a common word, a company, an exact instrument number, two words within one
  // agency, a rare phrase, browsing a category and date range, and a person's masked name.
  const sample = (k: number) => samples[k % samples.length] as DisclosureRecord;
  const queries: [string, (k: number) => string][] = [
    ['常见词', (k) => `q=${['罚款', '安全生产', '警告', '消防', '食品'][k % 5]}`],
    ['企业名称', (k) => `q=${sample(k).partyName.replace(/^.+县/, '').slice(0, 4)}`],
    ['文书号', (k) => `q=${sample(k).instrumentNumber}`],
    ['两词+执法主体', (k) => `q=扬尘 整改&agencyId=${agenciesList[k % agenciesList.length]?.id}`],
    ['少见词', (k) => `q=${['兽药', '重大危险源', '健康证明', '成品油'][k % 4]}`],
    [
      '类别+日期',
      (k) =>
        `category=${['penalty', 'coercion', 'inspection'][k % 3]}&from=2026-03-01&to=2026-05-31&page=${1 + (k % 3)}`,
    ],
    ['首页最新', () => ''],
  ];
  const get = async (query: string, server: keyof typeof servers = 'none') => {
    const r = await fetch(`${servers[server].base}/api/public/disclosures?${encodeURI(query)}`);
    if (!r.ok) throw new Error(`${query}: ${r.status} ${await r.text()}`);
    const body = (await r.json()) as { items: unknown[] };
    return body.items.length;
  };
  // Warm up (plans, caches), then measure.
  for (const [, q] of queries) await get(q(0));
  const hits = await Promise.all(queries.map(([, q]) => get(q(1))));
  // One client alone: what each kind costs without queueing.
  const alone = new Map<string, number>();
  for (const [kind, q] of queries) {
    const xs: number[] = [];
    for (let k = 0; k < 7; k++) {
      const s = performance.now();
      await get(q(k));
      xs.push(performance.now() - s);
    }
    alone.set(kind, percentile(xs, 0.5));
  }
  // Each run of the server as deployed starts with no answers kept: only what is asked again within the run
  // is answered from memory (the five common words, the newest, the categories and dates, the agencies'
  // pages, the rare words), never a company or document number (each asked once per run).
  const loads = (server: keyof typeof servers) => ({
    back: () => {
      forgetPublicAnswers(db);
      return concurrently(async (client, i) => {
        const k = client * REQUESTS + i;
        const [kind, q] = queries[k % queries.length] as [string, (k: number) => string];
        await get(q(k), server);
        return kind;
      });
    },
    think: () => {
      forgetPublicAnswers(db);
      return concurrently(async (client, i) => {
        const k = client * REQUESTS + i + 7;
        const [kind, q] = queries[k % queries.length] as [string, (k: number) => string];
        await get(q(k), server);
        return kind;
      }, THINK_MS);
    },
  });
  const runs = {
    none: { back: await loads('none').back(), think: await loads('none').think() },
    kept: { back: await loads('kept').back(), think: await loads('kept').think() },
  };
  const baseRun = await concurrently(async () => {
    await db
      .select({ id: disclosures.id, record: disclosures.record })
      .from(disclosures)
      .where(sql`status = 'published'`)
      .orderBy(sql`published_on desc, id desc`)
      .limit(20);
    return 'baseline';
  });
  const plan = await db.execute(
    sql`explain (analyze, costs off) select id from disclosures where status = 'published' and search_keys @> array['兽药']::text[] and search_text like '%兽药%' order by published_on desc, id desc limit 20`,
  );

  await apps.close();
  if (kept) await database.close();
  else if (process.env.KEEP && 'url' in database)
    console.log(`  kept: ${database.url} (PORTAL_DB_URL= to measure it again)`);
  else await database.close();

  for (const [server, label] of [
    ['kept', `as deployed (up to ${DEFAULT_PUBLIC_ANSWERS} answers kept, PUBLIC_ANSWERS)`],
    ['none', 'no answers kept (PUBLIC_ANSWERS=0): every search asks the database'],
  ] as const) {
    const { back, think } = runs[server];
    console.log(`  ${label}:`);
    console.log(
      `    ${CLIENTS} clients each searching about once every ${THINK_MS / 1000} s: ` +
        `${(think.all.length / think.seconds).toFixed(0)} requests/s, p50 ${ms(percentile(think.all, 0.5))}, p95 ${ms(percentile(think.all, 0.95))}`,
    );
    console.log(
      `    ${CLIENTS} clients × ${REQUESTS} back to back: ${back.all.length} requests in ${back.seconds.toFixed(1)} s = ` +
        `${(back.all.length / back.seconds).toFixed(0)}/s, p50 ${ms(percentile(back.all, 0.5))}, p95 ${ms(percentile(back.all, 0.95))}`,
    );
    for (const [[kind, q], h] of queries.map((x, k) => [x, hits[k]] as const)) {
      const xs = think.byKind.get(kind) ?? [];
      const ys = back.byKind.get(kind) ?? [];
      console.log(
        `      ${kind.padEnd(8, '　')} 1 s pause p50 ${ms(percentile(xs, 0.5)).padStart(9)} p95 ${ms(percentile(xs, 0.95)).padStart(9)} · back to back p95 ${ms(percentile(ys, 0.95)).padStart(9)} · alone ${ms(alone.get(kind) ?? Number.NaN).padStart(8)}  (${h} on page; e.g. ${decodeURI(q(1)) || '无条件'})`,
      );
    }
  }
  const ratio = (xs: number[]) => (percentile(xs, 0.95) / percentile(baseRun.all, 0.95)).toFixed(1);
  console.log(
    `  baseline, newest 20 straight from the database, ${CLIENTS} back to back: p50 ${ms(percentile(baseRun.all, 0.5))}, p95 ${ms(percentile(baseRun.all, 0.95))}` +
      ` → search p95 back to back is ${ratio(runs.kept.back.all)}× the baseline's as deployed, ${ratio(runs.none.back.all)}× with no answers kept`,
  );
  const lines = (plan as unknown as { rows: Record<string, string>[] }).rows.map((r) => Object.values(r)[0]);
  console.log(`  plan of a rare word:\n    ${lines.join('\n    ')}`);
}

console.log(
  `Portal search (GET /api/public/disclosures) with ${CLIENTS} concurrent clients; load ${loadavg()[0]?.toFixed(1)}`,
);
const engines = (process.env.ENGINES ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',');
for (const engine of engines) await run(engine as 'pglite' | 'postgres');
