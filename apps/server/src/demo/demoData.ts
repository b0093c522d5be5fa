import type { AgencyKind, Field, Role } from '@sanxiang/domain';
import { residentIdCheckDigit, shanghaiDate, usccCheckCharacter } from '@sanxiang/domain';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connection.js';
import { agencies, officers, regions, units, users } from '../db/schema.js';
import { logUserCreated } from '../modules/identity/identityService.js';
import { hashPassword } from '../modules/identity/password.js';
import type { Actor } from '../modules/ledger/ledgerStore.js';
import { logAgencyCreated } from '../modules/registry/agencyService.js';
import { logOfficerCreated } from '../modules/registry/officerService.js';
import { seedDemoPublicLists } from './demoPublicLists.js';

const DEMO_ACTOR: Actor = { userId: null, name: '系统（演示数据）' };

/**
 * The demo county 示例县: its justice bureau and the agencies of the seed documents, ~40
 * officers with credentials (a few expired or expiring, one suspended), and a login per role.
 * Every person here is invented. The region codes 530200/530223 are not real GB/T 2260 codes.
 */
export const DEMO_PASSWORD = 'Sanxiang@2026';
export const DEMO_REGION = '530223';

interface DemoAgency {
  key: string;
  name: string;
  kind: AgencyKind;
  role: 'agency' | 'supervisor';
  field: Field;
  orgType: '11' | '12';
  address: string;
  officePhone: string;
  complaintPhone: string;
  units: string[];
  /** name, gender, unit, post, fields, credential state, legal qualification */
  officers: [string, 'male' | 'female', string, string, Field[], CredentialState, boolean][];
}

type CredentialState = 'valid' | 'expired' | 'expiring' | 'suspended';

const AGENCIES: DemoAgency[] = [
  {
    key: 'sfj',
    name: '示例县司法局',
    kind: 'administrative',
    role: 'supervisor',
    field: 'justice',
    orgType: '11',
    address: '示例县城关镇人民路18号',
    officePhone: '0870-6123401',
    complaintPhone: '0870-6123400',
    units: ['行政执法协调监督股', '法制股', '办公室'],
    officers: [
      ['王建华', 'male', '行政执法协调监督股', '股长', ['justice'], 'valid', true],
      ['周丽娟', 'female', '行政执法协调监督股', '科员', ['justice'], 'valid', true],
      ['孙立新', 'male', '法制股', '股长', ['justice'], 'valid', true],
      ['郑雅琴', 'female', '法制股', '科员', ['justice'], 'expiring', true],
    ],
  },
  {
    key: 'yjj',
    name: '示例县应急管理局',
    kind: 'administrative',
    role: 'agency',
    field: 'emergency',
    orgType: '11',
    address: '示例县城关镇建设路56号',
    officePhone: '0870-6123501',
    complaintPhone: '0870-6123512',
    units: ['综合行政执法大队', '安全生产基础股', '危险化学品监督管理股', '法规股'],
    officers: [
      ['陈志远', 'male', '综合行政执法大队', '局长', ['emergency'], 'valid', false],
      ['李建国', 'male', '综合行政执法大队', '大队长', ['emergency'], 'valid', false],
      ['刘晓敏', 'female', '法规股', '股长', ['emergency'], 'valid', true],
      ['张海涛', 'male', '综合行政执法大队', '队员', ['emergency'], 'valid', false],
      ['杨春燕', 'female', '安全生产基础股', '股长', ['emergency'], 'valid', false],
      ['黄国栋', 'male', '危险化学品监督管理股', '股长', ['emergency'], 'valid', false],
      ['吴明辉', 'male', '综合行政执法大队', '队员', ['emergency'], 'expired', false],
      ['徐丽华', 'female', '综合行政执法大队', '队员', ['emergency'], 'expiring', false],
      ['马德胜', 'male', '危险化学品监督管理股', '科员', ['emergency'], 'suspended', false],
      ['朱文静', 'female', '安全生产基础股', '科员', ['emergency'], 'valid', false],
    ],
  },
  {
    key: 'nyj',
    name: '示例县能源局',
    kind: 'administrative',
    role: 'agency',
    field: 'energy',
    orgType: '11',
    address: '示例县城关镇滇池路9号',
    officePhone: '0870-6123601',
    complaintPhone: '0870-6123612',
    units: ['煤炭安全监督股', '电力能源股', '法规股'],
    officers: [
      ['何永强', 'male', '煤炭安全监督股', '局长', ['energy'], 'valid', false],
      ['高建军', 'male', '煤炭安全监督股', '股长', ['energy'], 'valid', false],
      ['林芳', 'female', '法规股', '股长', ['energy'], 'valid', true],
      ['罗志刚', 'male', '电力能源股', '股长', ['energy'], 'valid', false],
      ['梁小红', 'female', '电力能源股', '科员', ['energy'], 'expired', false],
      ['宋文斌', 'male', '煤炭安全监督股', '科员', ['energy'], 'valid', false],
    ],
  },
  {
    key: 'jtj',
    name: '示例县教育和体育局',
    kind: 'administrative',
    role: 'agency',
    field: 'education',
    orgType: '11',
    address: '示例县城关镇学府路3号',
    officePhone: '0870-6123701',
    complaintPhone: '0870-6123712',
    units: ['教育督导室', '民办教育管理股', '体育股', '政策法规股'],
    officers: [
      ['谢国庆', 'male', '教育督导室', '局长', ['education'], 'valid', false],
      ['韩冬梅', 'female', '民办教育管理股', '股长', ['education'], 'valid', false],
      ['唐伟', 'male', '政策法规股', '股长', ['education'], 'valid', true],
      ['冯雪', 'female', '体育股', '科员', ['education'], 'valid', false],
      ['董长江', 'male', '民办教育管理股', '科员', ['education'], 'expiring', false],
      ['程佳怡', 'female', '教育督导室', '督学', ['education'], 'valid', false],
    ],
  },
  {
    key: 'swj',
    name: '示例县商务局',
    kind: 'administrative',
    role: 'agency',
    field: 'commerce',
    orgType: '11',
    address: '示例县城关镇商贸街21号',
    officePhone: '0870-6123801',
    complaintPhone: '0870-6123812',
    units: ['市场运行股', '商贸流通股', '法规股'],
    officers: [
      ['曹振华', 'male', '商贸流通股', '局长', ['commerce'], 'valid', false],
      ['彭丽', 'female', '法规股', '股长', ['commerce'], 'valid', true],
      ['袁浩', 'male', '市场运行股', '股长', ['commerce'], 'valid', false],
      ['邓晓燕', 'female', '商贸流通股', '科员', ['commerce'], 'valid', false],
      ['许文龙', 'male', '市场运行股', '科员', ['commerce'], 'expired', false],
    ],
  },
  {
    key: 'nyncj',
    name: '示例县农业农村局',
    kind: 'administrative',
    role: 'agency',
    field: 'agriculture',
    orgType: '11',
    address: '示例县城关镇农科路7号',
    officePhone: '0870-6123901',
    complaintPhone: '0870-6123912',
    units: ['农业综合行政执法大队', '种植业股', '畜牧兽医股', '法规股'],
    officers: [
      ['傅建明', 'male', '农业综合行政执法大队', '局长', ['agriculture'], 'valid', false],
      ['沈玉兰', 'female', '法规股', '股长', ['agriculture'], 'valid', true],
      ['曾庆华', 'male', '农业综合行政执法大队', '大队长', ['agriculture', 'animalHealth'], 'valid', false],
      ['吕红梅', 'female', '种植业股', '股长', ['agriculture'], 'valid', false],
      ['苏志明', 'male', '农业综合行政执法大队', '队员', ['agriculture'], 'valid', false],
      ['卢俊杰', 'male', '畜牧兽医股', '科员', ['agriculture', 'animalHealth'], 'valid', false],
    ],
  },
  {
    key: 'dwws',
    name: '示例县动物卫生监督所',
    kind: 'authorized',
    role: 'agency',
    field: 'animalHealth',
    orgType: '12',
    address: '示例县城关镇农科路9号',
    officePhone: '0870-6124001',
    complaintPhone: '0870-6124012',
    units: ['检疫监督室', '综合办公室'],
    officers: [
      ['蒋卫东', 'male', '检疫监督室', '所长', ['animalHealth'], 'valid', false],
      ['蔡晓琳', 'female', '综合办公室', '法制员', ['animalHealth'], 'valid', true],
      ['贾永平', 'male', '检疫监督室', '官方兽医', ['animalHealth'], 'valid', false],
      ['丁秀英', 'female', '检疫监督室', '官方兽医', ['animalHealth'], 'valid', false],
      ['魏成', 'male', '检疫监督室', '官方兽医', ['animalHealth'], 'expiring', false],
    ],
  },
];

/** Logins for every role; the name must be an officer of that agency (or none, for the administrator). */
const LOGINS: { username: string; displayName: string; agency: string; roles: Role[]; officer?: string }[] = [
  { username: 'admin', displayName: '系统管理员', agency: 'sfj', roles: ['admin'] },
  { username: 'jiandu', displayName: '王建华', agency: 'sfj', roles: ['supervisor'], officer: '王建华' },
  { username: 'fuzeren', displayName: '陈志远', agency: 'yjj', roles: ['head', 'officer'], officer: '陈志远' },
  { username: 'shenhe', displayName: '刘晓敏', agency: 'yjj', roles: ['reviewer'], officer: '刘晓敏' },
  { username: 'zhifa', displayName: '李建国', agency: 'yjj', roles: ['officer'], officer: '李建国' },
  { username: 'zhifa2', displayName: '张海涛', agency: 'yjj', roles: ['officer'], officer: '张海涛' },
  { username: 'yjadmin', displayName: '应急管理局管理员', agency: 'yjj', roles: ['admin'] },
  { username: 'nengyuan', displayName: '高建军', agency: 'nyj', roles: ['officer'], officer: '高建军' },
];

export const DEMO_LOGINS = LOGINS.map(({ username, displayName, roles, agency }) => ({
  username,
  displayName,
  roles,
  agencyName: AGENCIES.find((a) => a.key === agency)?.name ?? '',
}));

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function validity(state: CredentialState, i: number, today: string): { validFrom: string; validTo: string } {
  if (state === 'expired') return { validFrom: addDays(today, -1900 - i * 7), validTo: addDays(today, -35 - i * 11) };
  if (state === 'expiring') return { validFrom: addDays(today, -1750), validTo: addDays(today, 20 + i * 3) };
  // Valid credentials date back to before the demo cases (2025–2026), whenever the demo is loaded.
  const anchor = today < '2025-06-01' ? today : '2025-06-01';
  return { validFrom: addDays(anchor, -400 - i * 13), validTo: addDays(today, 1400 - i * 9) };
}

function residentId(i: number, gender: 'male' | 'female'): string {
  const birth = `19${70 + (i % 25)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
  const seqBase = 100 + i * 2;
  const seq = gender === 'male' ? seqBase + 1 : seqBase;
  const body = `${DEMO_REGION}${birth}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckDigit(body);
}

function uscc(orgType: string, i: number): string {
  const body = `${orgType}${DEMO_REGION}MB${String(1520000 + i * 37).padStart(7, '0')}`;
  return body + usccCheckCharacter(body);
}

/** Loads the demo county into an empty database, in one transaction. Returns false if users exist. */
export async function loadDemoData(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => insertDemo(tx, passwordHash));
  return true;
}

async function insertDemo(tx: Tx, passwordHash: string) {
  const today = shanghaiDate();
  await tx
    .insert(regions)
    .values([
      { code: '530200', name: '示例市', parentCode: '530000' },
      { code: DEMO_REGION, name: '示例县', parentCode: '530200' },
    ])
    .onConflictDoNothing();
  const agencyIds = new Map<string, number>();
  const officerIds = new Map<string, number>();
  let supervisorId: number | null = null;
  let personIndex = 0;
  for (const [ai, a] of AGENCIES.entries()) {
    const inserted: (typeof agencies.$inferSelect)[] = await tx
      .insert(agencies)
      .values({
        name: a.name,
        kind: a.kind,
        role: a.role,
        regionCode: DEMO_REGION,
        field: a.field,
        address: a.address,
        officePhone: a.officePhone,
        complaintPhone: a.complaintPhone,
        uscc: uscc(a.orgType, ai),
        parentId: a.role === 'supervisor' ? null : supervisorId,
      })
      .returning();
    const agency = inserted[0];
    if (!agency) throw new Error('demo agency not inserted');
    if (a.role === 'supervisor') supervisorId = agency.id;
    agencyIds.set(a.key, agency.id);
    const unitRows = await tx
      .insert(units)
      .values(a.units.map((name) => ({ agencyId: agency.id, name })))
      .returning();
    await logAgencyCreated(tx, DEMO_ACTOR, agency, a.units);
    for (const [oi, [name, gender, unitName, post, fields, state, legal]] of a.officers.entries()) {
      personIndex++;
      const { validFrom, validTo } = validity(state, oi, today);
      const [officer] = await tx
        .insert(officers)
        .values({
          agencyId: agency.id,
          unitId: unitRows.find((u) => u.name === unitName)?.id ?? null,
          name,
          gender,
          post,
          credentialNo: `${DEMO_REGION}${String(ai + 1).padStart(2, '0')}${String(oi + 1).padStart(3, '0')}`,
          credentialKind: a.role === 'supervisor' ? 'supervision' : 'enforcement',
          fields,
          regionCode: DEMO_REGION,
          validFrom,
          validTo,
          status: state === 'suspended' ? 'suspended' : 'active',
          legalQualification: legal,
          legalQualificationNo: legal ? `A2015${String(530000000 + personIndex * 131).padStart(9, '0')}` : '',
          residentId: residentId(personIndex, gender),
        })
        .returning();
      if (!officer) throw new Error('demo officer not inserted');
      officerIds.set(name, officer.id);
      await logOfficerCreated(tx, DEMO_ACTOR, officer, '演示数据初始化');
    }
  }
  await seedDemoPublicLists(tx, agencyIds);
  for (const l of LOGINS) {
    const agencyId = agencyIds.get(l.agency);
    if (!agencyId) throw new Error(`demo agency ${l.agency} missing`);
    const [user] = await tx
      .insert(users)
      .values({
        username: l.username,
        displayName: l.displayName,
        passwordHash,
        agencyId,
        officerId: l.officer ? (officerIds.get(l.officer) ?? null) : null,
        roles: l.roles,
      })
      .returning();
    if (!user) throw new Error('demo user not inserted');
    await logUserCreated(tx, DEMO_ACTOR, user);
  }
}
