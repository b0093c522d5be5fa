/**
 * 事前公开 on the portal (issue 6): an agency's published lists, one page each, readable on a phone:
 *   /portal/agencies/:id/lists/:kind[?version=N]   matters, spotChecks, serviceGuides, avList, catalog, benchmarks
 *   /portal/flowcharts/:procedure                  a procedure's flowchart (SVG drawn from its workflow definition)
 * Field labels come from the domain's PUBLIC_LIST_FIELDS, the same the console and the Excel files use.
 */
import {
  ACTION_KIND_LABELS,
  ACTION_KINDS,
  type ActionKind,
  type BenchmarkItem,
  DISCRETION_TIER_LABELS,
  fieldText,
  formatYuan,
  type MajorRule,
  type MatterEntry,
  PROCEDURE_LABELS,
  PROCEDURES,
  PUBLIC_LIST_FIELDS,
  type PublicListKind,
  SANCTION_KIND_LABELS,
  type ServiceGuideEntry,
  type SpotCheckEntry,
} from '@sanxiang/domain';
import { ApiError, getJson } from './api';
import { type Child, chineseDate, fields, h } from './dom';
import './listPages.css';
import type { Rendered } from './pages';

type Kind = PublicListKind | 'avList' | 'catalog' | 'benchmarks';

interface ListSummary {
  kind: Kind;
  label: string;
  version: number | null;
  publishedOn: string | null;
  count: number;
}
interface ListsAnswer {
  agencyId: number;
  agencyName: string;
  lists: ListSummary[];
  flowcharts: { procedure: string; label: string; href: string }[];
}
interface AvRow {
  procedure: string;
  procedureLabel: string;
  step: string;
  stepLabel: string;
  level: 'full' | 'asNeeded';
  levelLabel: string;
  /** How the agency records it, from its published list ('' without one). */
  note: string;
}
interface ListAnswer {
  agencyId: number;
  agencyName: string;
  kind: Kind;
  label: string;
  version: number | null;
  current?: boolean;
  publishedOn: string | null;
  reason: string | null;
  entries: unknown[];
  history: { version: number; reason: string; current: boolean; publishedOn: string | null }[];
}

/** The lists every agency page links to, in this order (what each holds, for the link's description). */
const KINDS: { kind: Kind; label: string; about: string }[] = [
  { kind: 'matters', label: '行政执法事项清单（权责清单）', about: '执法事项、类别、依据、承办机构' },
  { kind: 'spotChecks', label: '随机抽查事项清单', about: '抽查事项、对象、比例、频次' },
  { kind: 'serviceGuides', label: '服务指南', about: '办事条件、材料、流程、时限、收费' },
  { kind: 'avList', label: '音像记录事项清单', about: '须全程或根据需要音像记录的执法环节' },
  { kind: 'catalog', label: '重大执法决定法制审核目录清单', about: '须经法制审核的重大执法决定' },
  { kind: 'benchmarks', label: '行政处罚裁量基准', about: '违法行为的裁量阶次和处罚幅度' },
];

const PROCEDURE_LINKS = PROCEDURES.map((procedure) => ({ procedure, label: PROCEDURE_LABELS[procedure] }));

export const listPath = (agencyId: number, kind: Kind, version?: number) =>
  `/portal/agencies/${agencyId}/lists/${kind}${version ? `?version=${version}` : ''}`;
const flowchartPath = (procedure: string) => `/portal/flowcharts/${procedure}`;

/**
 * The agency page's block of links to its lists and flowcharts. The links are there at once; the version
 * and date of each are filled in when the directory answers (a list not yet published says so).
 */
export function agencyListsSection(agencyId: number): HTMLElement {
  const notes = new Map<Kind, HTMLElement>();
  const section = h(
    'section',
    { 'aria-labelledby': 'lists-heading', class: 'lists-block' },
    h('h2', { id: 'lists-heading' }, '事前公开清单'),
    h(
      'ul',
      { class: 'plain link-grid' },
      KINDS.map(({ kind, label, about }) => {
        const note = h('span', { class: 'link-note' }, about);
        notes.set(kind, note);
        return h(
          'li',
          null,
          h('a', { class: 'card link-card', href: listPath(agencyId, kind) }, h('strong', null, label), note),
        );
      }),
    ),
    h('h3', { class: 'sub-heading' }, '执法流程图'),
    h(
      'ul',
      { class: 'plain chips' },
      PROCEDURE_LINKS.map((p) => h('li', null, h('a', { class: 'chip', href: flowchartPath(p.procedure) }, p.label))),
    ),
  );
  getJson<ListsAnswer>(`/api/public/agencies/${agencyId}/lists`)
    .then((answer) => {
      for (const { kind, about } of KINDS) {
        const s = answer.lists.find((l) => l.kind === kind);
        const note = notes.get(kind);
        if (!note) continue;
        if (!s) note.textContent = `${about} · 尚未公示`;
        else if (s.version !== null) {
          note.textContent = `第${s.version}版 · ${s.count} 项${s.publishedOn ? ` · ${chineseDate(s.publishedOn)}公示` : ''}`;
        } else note.textContent = `${about} · ${s.count} 项`;
      }
    })
    .catch(() => {});
  return section;
}

// ---------------------------------------------------------------------------------------- entries

const entryFields = (kind: PublicListKind, e: unknown, skip: string[] = []): [string, Child][] =>
  PUBLIC_LIST_FIELDS[kind]
    .filter((f) => !skip.includes(f.key))
    .map((f) => [f.label, fieldText(f, (e as Record<string, string>)[f.key])]);

function mattersView(entries: MatterEntry[]): Child[] {
  const kinds = ACTION_KINDS.filter((k) => entries.some((e) => e.actionKind === k));
  const idOf = (k: ActionKind) => `kind-${k}`;
  return [
    h(
      'nav',
      { class: 'card toc', 'aria-label': '按执法类别' },
      h(
        'ul',
        { class: 'plain chips' },
        kinds.map((k) =>
          h(
            'li',
            null,
            h(
              'a',
              { class: 'chip', href: `#${idOf(k)}` },
              `${ACTION_KIND_LABELS[k]} ${entries.filter((e) => e.actionKind === k).length}`,
            ),
          ),
        ),
      ),
    ),
    kinds.map((k) =>
      h(
        'section',
        { 'aria-labelledby': idOf(k) },
        h(
          'h2',
          { id: idOf(k), tabindex: -1 },
          `${ACTION_KIND_LABELS[k]}（${entries.filter((e) => e.actionKind === k).length} 项）`,
        ),
        h(
          'ul',
          { class: 'plain list' },
          entries
            .filter((e) => e.actionKind === k)
            .map((e) =>
              h(
                'li',
                null,
                h(
                  'article',
                  { class: 'card item' },
                  h('h3', { class: 'item-title' }, e.name),
                  h('p', { class: 'meta' }, h('span', { class: 'tag' }, ACTION_KIND_LABELS[e.actionKind]), ' ', e.code),
                  fields(entryFields('matters', e, ['code', 'name', 'actionKind'])),
                ),
              ),
            ),
        ),
      ),
    ),
  ];
}

function spotChecksView(entries: SpotCheckEntry[]): Child[] {
  return [
    h(
      'ul',
      { class: 'plain list' },
      entries.map((e) =>
        h(
          'li',
          null,
          h(
            'article',
            { class: 'card item' },
            h('h2', { class: 'item-title' }, e.name),
            h(
              'p',
              { class: 'meta' },
              e.code,
              h('span', { 'aria-hidden': 'true' }, ' · '),
              `抽查比例 ${e.ratio}`,
              h('span', { 'aria-hidden': 'true' }, ' · '),
              e.frequency,
            ),
            fields(entryFields('spotChecks', e, ['code', 'name'])),
          ),
        ),
      ),
    ),
  ];
}

/** One item a line in the source text: a numbered list when there are several. */
function lines(text: string, ordered: boolean): Child {
  const items = text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length < 2) return text;
  return h(
    ordered ? 'ol' : 'ul',
    { class: 'steps' },
    items.map((s) => h('li', null, s)),
  );
}

function serviceGuidesView(entries: ServiceGuideEntry[]): Child[] {
  const idOf = (e: ServiceGuideEntry) => `guide-${e.code.replace(/[^\w-]/g, '_')}`;
  return [
    entries.length > 1
      ? h(
          'nav',
          { class: 'card toc', 'aria-label': '服务指南目录' },
          h(
            'ol',
            null,
            entries.map((e) => h('li', null, h('a', { href: `#${idOf(e)}` }, e.name))),
          ),
        )
      : null,
    entries.map((e) =>
      h(
        'section',
        { class: 'card guide', 'aria-labelledby': idOf(e) },
        h('h2', { id: idOf(e), tabindex: -1, class: 'item-title' }, e.name),
        h(
          'p',
          { class: 'meta' },
          e.code,
          h('span', { 'aria-hidden': 'true' }, ' · '),
          `办理时限 ${e.timeLimit}`,
          h('span', { 'aria-hidden': 'true' }, ' · '),
          e.fees,
        ),
        fields(
          PUBLIC_LIST_FIELDS.serviceGuides
            .filter((f) => f.key !== 'code' && f.key !== 'name')
            .map((f) => {
              const v = (e as unknown as Record<string, string>)[f.key] ?? '';
              if (f.key === 'materials') return [f.label, lines(v, false)];
              if (f.key === 'procedure') return [f.label, lines(v, true)];
              if (f.key === 'phone') return [f.label, v ? h('a', { href: `tel:${v.replace(/[^\d-]/g, '')}` }, v) : ''];
              return [f.label, v];
            }),
        ),
      ),
    ),
  ];
}

function avListView(entries: AvRow[]): Child[] {
  const procedures = [...new Set(entries.map((e) => e.procedure))];
  if (entries.length === 0) return [h('p', { class: 'empty' }, '暂无须音像记录的执法环节。')];
  return [
    h(
      'p',
      { class: 'summary' },
      '“全程音像记录”的环节，执法人员须对全过程录音录像后才能完成该环节；“根据需要音像记录”的环节视情况记录。',
    ),
    procedures.map((p) => {
      const rows = entries.filter((e) => e.procedure === p);
      return h(
        'section',
        { 'aria-labelledby': `av-${p.replace('.', '-')}` },
        h('h2', { id: `av-${p.replace('.', '-')}` }, rows[0]?.procedureLabel ?? p),
        h(
          'ul',
          { class: 'plain list' },
          rows.map((r) =>
            h(
              'li',
              { class: 'card row-item' },
              h('span', null, r.stepLabel, r.note ? h('small', { class: 'row-note' }, r.note) : null),
              h('span', { class: r.level === 'full' ? 'tag tag-strong' : 'tag' }, r.levelLabel),
            ),
          ),
        ),
      );
    }),
  ];
}

function catalogView(entries: MajorRule[]): Child[] {
  return [
    h(
      'p',
      { class: 'summary' },
      '拟作出的执法决定属于下列情形之一的，为重大执法决定，作出决定前须经本单位法制机构进行法制审核。',
    ),
    h(
      'ol',
      { class: 'plain list' },
      entries.map((r) =>
        h(
          'li',
          null,
          h(
            'article',
            { class: 'card item' },
            h('h2', { class: 'item-title' }, r.label),
            fields([
              ['依据', r.basis],
              ['集体讨论', r.requiresDeliberation ? '须经负责人集体讨论决定' : ''],
            ]),
          ),
        ),
      ),
    ),
  ];
}

function fineText(t: BenchmarkItem['tiers'][number]): string {
  if (!t.fine) return '';
  const { person, organization } = t.fine;
  return `自然人 ${formatYuan(person.minFen)}至${formatYuan(person.maxFen)}；法人或其他组织 ${formatYuan(organization.minFen)}至${formatYuan(organization.maxFen)}`;
}

function benchmarksView(entries: BenchmarkItem[]): Child[] {
  return [
    h(
      'ul',
      { class: 'plain list' },
      entries.map((item) =>
        h(
          'li',
          null,
          h(
            'article',
            { class: 'card item' },
            h('h2', { class: 'item-title' }, item.violation),
            h('p', { class: 'meta' }, item.code),
            fields([
              ['违反条款', item.violatedProvision],
              ['处罚依据', item.penaltyBasis],
            ]),
            h(
              'ol',
              { class: 'plain tiers' },
              item.tiers.map((t) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'tag' }, DISCRETION_TIER_LABELS[t.tier] ?? t.tier),
                  fields(
                    [
                      ['适用情形', t.circumstances],
                      ['处罚种类', t.sanctions.map((s) => SANCTION_KIND_LABELS[s] ?? s).join('、') || '不予处罚'],
                      ['罚款幅度', fineText(t)],
                    ],
                    'fields compact',
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

function entriesView(answer: ListAnswer): Child[] {
  if (answer.entries.length === 0) return [h('p', { class: 'empty' }, '清单暂无条目。')];
  switch (answer.kind) {
    case 'matters':
      return mattersView(answer.entries as MatterEntry[]);
    case 'spotChecks':
      return spotChecksView(answer.entries as SpotCheckEntry[]);
    case 'serviceGuides':
      return serviceGuidesView(answer.entries as ServiceGuideEntry[]);
    case 'avList':
      return avListView(answer.entries as AvRow[]);
    case 'catalog':
      return catalogView(answer.entries as MajorRule[]);
    case 'benchmarks':
      return benchmarksView(answer.entries as BenchmarkItem[]);
  }
}

// ------------------------------------------------------------------------------------------ pages

function crumbs(agencyId: number, agencyName: string, here: string): HTMLElement {
  return h(
    'p',
    { class: 'crumbs' },
    h('a', { href: '/portal/' }, '首页'),
    ' › ',
    h('a', { href: `/portal/agencies/${agencyId}` }, agencyName),
    ` › ${here}`,
  );
}

export async function listPage(agencyId: number, kind: string, version?: number): Promise<Rendered> {
  const known = KINDS.find((k) => k.kind === kind);
  if (!known) throw new ApiError(404, 'NOT_FOUND', '没有这种公示清单');
  let answer: ListAnswer;
  try {
    answer = await getJson<ListAnswer>(
      `/api/public/agencies/${agencyId}/lists/${kind}${version ? `/versions/${version}` : ''}`,
    );
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404 || version) throw err;
    // Not published yet: say so on a page of its own, with the way back.
    const agencies = await getJson<{ items: { id: number; name: string }[] }>('/api/public/agencies?pageSize=200');
    const name = agencies.items.find((a) => a.id === agencyId)?.name;
    if (!name) throw err;
    return {
      title: `${name}${known.label}`,
      content: [
        crumbs(agencyId, name, known.label),
        h('h1', null, `${name}${known.label}`),
        h('p', { class: 'notice notice-info' }, '本单位尚未公示该清单。清单经本单位法制机构审核后公示。'),
      ],
    };
  }
  const title = `${answer.agencyName}${answer.label}`;
  const old = answer.current === false;
  return {
    title: version ? `${title}（第${version}版）` : title,
    announce: `${answer.label}，${answer.entries.length} 项`,
    content: [
      crumbs(answer.agencyId, answer.agencyName, answer.label),
      h('h1', null, answer.label),
      h(
        'p',
        { class: 'meta' },
        answer.agencyName,
        answer.version !== null ? h('span', { class: 'tag tag-version' }, `第${answer.version}版`) : null,
        answer.publishedOn ? h('span', { class: 'nowrap' }, ` ${chineseDate(answer.publishedOn)}公示`) : null,
        ` · 共 ${answer.entries.length} 项`,
      ),
      old
        ? h(
            'div',
            { class: 'notice notice-withdrawn', role: 'note' },
            h('p', null, `这是已被替代的历史版本（第${answer.version}版），仅供查阅。`),
            h('p', null, h('a', { href: listPath(answer.agencyId, answer.kind) }, '查看现行版本')),
          )
        : null,
      answer.reason && answer.version !== null ? h('p', { class: 'summary' }, `本版调整原因：${answer.reason}`) : null,
      entriesView(answer),
      answer.history.length > 1
        ? h(
            'details',
            { class: 'history card' },
            h('summary', null, `版本历史（${answer.history.length} 个版本）`),
            h(
              'ol',
              { class: 'plain list' },
              answer.history.map((v) =>
                h(
                  'li',
                  null,
                  v.version === answer.version
                    ? h('strong', null, `第${v.version}版（本页）`)
                    : h(
                        'a',
                        { href: listPath(answer.agencyId, answer.kind, v.current ? undefined : v.version) },
                        `第${v.version}版`,
                      ),
                  v.current ? h('span', { class: 'tag' }, '现行') : null,
                  v.publishedOn ? ` ${chineseDate(v.publishedOn)}公示` : '',
                  h('span', { class: 'reason' }, v.reason),
                ),
              ),
            ),
          )
        : null,
    ],
  };
}

interface WorkflowStep {
  id: string;
  label: string;
  branch?: boolean;
  help?: string;
}
let workflows: Promise<{ id: string; name: string; basis: string; steps: WorkflowStep[] }[]> | undefined;

export async function flowchartPage(procedure: string): Promise<Rendered> {
  const known = PROCEDURE_LINKS.find((p) => p.procedure === procedure);
  if (!known) throw new ApiError(404, 'NOT_FOUND', '没有这种执法流程');
  workflows ??= getJson('/api/workflows');
  const definition = (await workflows).find((w) => w.id === procedure);
  const main = definition?.steps.filter((s) => !s.branch) ?? [];
  const side = definition?.steps.filter((s) => s.branch) ?? [];
  const src = `/api/workflows/${procedure}/flowchart.svg`;
  return {
    title: `${known.label}流程图`,
    content: [
      h('p', { class: 'crumbs' }, h('a', { href: '/portal/' }, '首页'), ' › 执法流程图'),
      h('h1', null, `${known.label}流程图`),
      definition ? h('p', { class: 'summary' }, `依据：${definition.basis}`) : null,
      h(
        'figure',
        { class: 'card flowchart' },
        h(
          'div',
          { class: 'flowchart-scroll', role: 'region', 'aria-label': '流程图（可左右滑动）', tabindex: 0 },
          h('img', { src, alt: `${known.label}流程图，文字版见下方“办理环节”` }),
        ),
        h(
          'figcaption',
          null,
          '流程图由系统中的办案流程定义生成，与实际办案流程一致。',
          ' ',
          h('a', { href: src, target: '_blank', rel: 'noopener' }, '查看大图'),
        ),
      ),
      main.length > 0
        ? h(
            'section',
            { 'aria-labelledby': 'steps-heading' },
            h('h2', { id: 'steps-heading' }, '办理环节'),
            h(
              'ol',
              { class: 'steps card' },
              main.map((s) =>
                h('li', null, h('strong', null, s.label), s.help ? h('span', { class: 'step-help' }, s.help) : null),
              ),
            ),
            side.length > 0
              ? h('p', { class: 'summary' }, `视情况适用的环节：${side.map((s) => s.label).join('、')}`)
              : null,
          )
        : null,
    ],
  };
}
