import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isRegionCode } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/dataDirLock.js';
import { agencies, ledgerEntries, regions } from './db/schema.js';
import { DomainError, fromDatabaseError } from './http/errors.js';
import { insertUser } from './modules/identity/identityService.js';
import { toHex } from './modules/ledger/ledgerHasher.js';
import {
  type Actor,
  consistencyProof,
  inclusionProof,
  ledgerParams,
  rootHash,
  treeSize,
} from './modules/ledger/ledgerStore.js';
import { logAgencyCreated } from './modules/registry/agencyService.js';
import { openRuntime } from './runtime.js';

const CLI_ACTOR: Actor = { userId: null, name: '系统（命令行 create-admin）' };

const USAGE = `用法：
  npm run admin:create -- --username <用户名> --name <姓名> --agency <司法局名称> [--region <行政区划代码>]

  为正式部署创建第一个系统管理员（不载入演示数据，不使用默认密码）。
  --agency   管理员所属机关；不存在时按 --region 新建为司法行政机关（执法监督机关）
  --region   六位行政区划代码（GB/T 2260），新建机关时必填，如 530102
  初始密码取自环境变量 ADMIN_PASSWORD；未设置时随机生成并只显示一次。首次登录须修改密码。
  使用内嵌数据库时须先停止服务（数据目录被服务锁定）。`;

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

/** The configured database, as the server opens it; refuses while the server holds the data directory. */
async function openCliRuntime() {
  try {
    return await openRuntime(loadConfig(), () => fail('数据目录锁丢失'));
  } catch (err) {
    if (err instanceof DataDirLockedError) fail(`${err.message}\n请先停止服务再运行此命令。`);
    throw err;
  }
}

async function createAdmin(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      agency: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.username || !values.name || !values.agency) fail(`缺少参数。\n${USAGE}`);
  if (values.region && !isRegionCode(values.region)) fail('行政区划代码应为6位数字（GB/T 2260）');

  const runtime = await openCliRuntime();
  const { db } = runtime.database;
  const generated = !process.env.ADMIN_PASSWORD;
  const password = process.env.ADMIN_PASSWORD || `${randomBytes(9).toString('base64url')}9a`;
  try {
    await db.transaction(async (tx) => {
      let [agency] = await tx
        .select()
        .from(agencies)
        .where(eq(agencies.name, values.agency as string));
      if (!agency) {
        if (!values.region) fail(`机关“${values.agency}”不存在；新建时请用 --region 指定行政区划代码`);
        const [region] = await tx.select().from(regions).where(eq(regions.code, values.region));
        if (!region) fail(`行政区划代码 ${values.region} 不存在`);
        [agency] = await tx
          .insert(agencies)
          .values({
            name: values.agency as string,
            kind: 'administrative',
            role: 'supervisor',
            regionCode: values.region,
            field: 'justice',
          })
          .returning();
        if (!agency) throw new Error('agency not inserted');
        await logAgencyCreated(tx, CLI_ACTOR, agency, []);
        console.log(`已新建司法行政机关：${values.agency}（${region.name}）`);
      }
      if (!agency) throw new Error('agency missing');
      await insertUser(tx, CLI_ACTOR, {
        username: values.username as string,
        displayName: values.name as string,
        password,
        roles: ['admin'],
        agencyId: agency.id,
        mustChangePassword: true,
      });
    });
  } catch (err) {
    const known = err instanceof DomainError ? err : fromDatabaseError(err);
    if (known) fail(known.message);
    throw err;
  } finally {
    await runtime.close();
  }
  console.log(`已创建系统管理员：${values.username}（${values.name}，${values.agency}）`);
  if (generated) console.log(`初始密码（只显示这一次，请妥善转交）：${password}`);
  console.log('首次登录后须修改密码。');
}

/** `ledger proof <seq> [size]` and `ledger consistency <from> <to>`: RFC 6962 proofs as JSON. */
async function ledgerProofs(args: string[]) {
  const [kind, a, b] = args;
  const numbers = [a, b].filter((x) => x !== undefined).map(Number);
  if (!(kind === 'proof' || kind === 'consistency') || numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    fail(`用法：npm run ledger -- proof <序号> [树大小]\n      npm run ledger -- consistency <树大小1> <树大小2>`);
  }
  const runtime = await openCliRuntime();
  const { db } = runtime.database;
  try {
    const size = await treeSize(db);
    const { hasher } = await ledgerParams(db);
    if (kind === 'proof') {
      const seq = numbers[0] as number;
      const at = numbers[1] ?? size;
      if (seq >= at || at > size) fail(`序号须小于树大小，树大小不能超过 ${size}`);
      const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, seq));
      const out = {
        hashAlg: hasher.name,
        seq,
        treeSize: at,
        rootHash: toHex(await rootHash(db, at)),
        entry: row?.entry,
        proof: (await inclusionProof(db, seq, at)).map(toHex),
      };
      console.log(JSON.stringify(out, null, 2));
    } else {
      const [from, to] = numbers as [number, number];
      if (!(from >= 1 && from <= to && to <= size)) fail(`须满足 1 ≤ 树大小1 ≤ 树大小2 ≤ ${size}`);
      const out = {
        hashAlg: hasher.name,
        from,
        to,
        fromRoot: toHex(await rootHash(db, from)),
        toRoot: toHex(await rootHash(db, to)),
        proof: (await consistencyProof(db, from, to)).map(toHex),
      };
      console.log(JSON.stringify(out, null, 2));
    }
  } finally {
    await runtime.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'create-admin') {
  await createAdmin(rest);
} else if (command === 'ledger') {
  await ledgerProofs(rest);
} else {
  console.log(USAGE);
  process.exit(command ? 1 : 0);
}
