/**
 * The portal's pages. Each returns its title (for document.title) and content (placed in <main>, whose
 * first heading is the page's one h1). Labels of codes come from the domain (tree-shaken to the tables).
 */
import { AGENCY_KIND_LABELS, DISCLOSURE_CATEGORIES, DISCLOSURE_CATEGORY_LABELS, FIELD_LABELS } from '@sanxiang/domain';
import {
  type Agency,
  ApiError,
  allAgencies,
  type Disclosure,
  type DisclosureDetail,
  getJson,
  type Officer,
  type Page,
  query,
  type SearchPage,
  type Withdrawal,
} from './api';
import { type Child, chineseDate, fields, h } from './dom';
import { agencyListsSection } from './listPages';

export interface Rendered {
  title: string;
  content: Child[];
  /** Said by the screen reader after the page is shown (e.g. how many results). */
  announce?: string;
}

const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;
const agencyPath = (id: number) => `/portal/agencies/${id}`;
const disclosurePath = (id: number) => `/portal/disclosures/${id}`;

/** The region the portal serves, from the supervising bureau (or any agency). */
export async function regionName(): Promise<string> {
  const list = await allAgencies();
  const bureau = list.find((a) => a.role === 'supervisor') ?? list[0];
  return bureau?.regionName ?? '';
}

// ------------------------------------------------------------------------------------------ pieces

function disclosureTitle(d: Disclosure): string {
  const r = d.record;
  return r.title || `${r.categoryLabel}决定 ${r.instrumentNumber}`;
}

/** One decision in a list: a card with its heading linking to the detail page. */
function disclosureItem(d: Disclosure, level: 'h2' | 'h3' = 'h3'): HTMLElement {
  const r = d.record;
  return h(
    'article',
    { class: 'card item' },
    h(level, { class: 'item-title' }, h('a', { href: disclosurePath(d.id) }, disclosureTitle(d))),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'tag' }, r.categoryLabel),
      ' ',
      r.agencyName,
      h('span', { 'aria-hidden': 'true' }, ' · '),
      h('span', { class: 'nowrap' }, `决定日期 ${chineseDate(r.decidedOn)}`),
      d.version > 1 ? h('span', { class: 'tag tag-warn' }, '已更正') : null,
    ),
    fields(
      [
        ['当事人', r.partyName],
        ['文书编号', r.instrumentNumber],
        ['处理结果', r.conclusion],
      ],
      'fields compact',
    ),
  );
}

function disclosureList(items: Disclosure[], level: 'h2' | 'h3' = 'h3', empty = '暂无公开的决定信息。'): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'ul',
    { class: 'plain list' },
    items.map((d) => h('li', null, disclosureItem(d, level))),
  );
}

/**
 * 上一页 / 下一页 as links, so each page of results has its own address. `total: null` (a search too
 * common to be counted): the next page is offered while the server says there is one.
 */
function pager(
  page: number,
  pageSize: number,
  total: number | null,
  hrefOf: (page: number) => string,
  hasMore = false,
): HTMLElement | null {
  const pages = total === null ? undefined : Math.max(1, Math.ceil(total / pageSize));
  const next = pages === undefined ? hasMore : page < pages;
  if (page <= 1 && !next) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': '分页' },
    page > 1
      ? h('a', { class: 'pager-link', href: hrefOf(page - 1), rel: 'prev' }, '上一页')
      : h('span', { class: 'pager-link disabled' }, '上一页'),
    h('span', { 'aria-current': 'page' }, pages === undefined ? `第 ${page} 页` : `第 ${page} / ${pages} 页`),
    next ? h('a', { href: hrefOf(page + 1), rel: 'next' }, '下一页') : h('span', { class: 'disabled' }, '下一页'),
  );
}

function agencyCard(a: Agency): HTMLElement {
  return h(
    'article',
    { class: 'card agency' },
    h('h3', { class: 'item-title' }, h('a', { href: agencyPath(a.id) }, a.name)),
    fields(
      [
        ['主体类别', label(AGENCY_KIND_LABELS, a.kind)],
        ['执法领域', label(FIELD_LABELS, a.field)],
        ['地址', a.address],
        ['投诉电话', a.complaintPhone ? h('a', { href: `tel:${a.complaintPhone}` }, a.complaintPhone) : ''],
      ],
      'fields compact',
    ),
  );
}

/** A search box that goes to the search page. */
function quickSearch(): HTMLElement {
  return h(
    'form',
    { class: 'card search quick', role: 'search', action: '/portal/search', method: 'get' },
    h('label', { for: 'quick-q' }, '检索行政执法决定'),
    h(
      'div',
      { class: 'row' },
      h('input', {
        id: 'quick-q',
        name: 'q',
        type: 'search',
        placeholder: '当事人、执法主体、文书编号、违法行为……',
        autocomplete: 'off',
      }),
      h('button', { type: 'submit' }, '检索'),
    ),
  );
}

// ------------------------------------------------------------------------------------------ pages

export async function homePage(): Promise<Rendered> {
  const [agencies, latest, region] = await Promise.all([
    allAgencies(),
    getJson<Page<Disclosure>>('/api/public/disclosures?pageSize=5'),
    regionName(),
  ]);
  const title = `${region}行政执法公示`;
  return {
    title,
    content: [
      h('h1', null, title),
      h(
        'p',
        { class: 'lead' },
        `这里公开${region || '本辖区'}的行政执法主体、执法人员和行政执法决定信息（行政处罚、行政许可、行政强制、行政检查），个人信息已依法隐去。`,
      ),
      quickSearch(),
      h(
        'section',
        { 'aria-labelledby': 'latest-heading' },
        h('h2', { id: 'latest-heading' }, '最新公开的执法决定'),
        disclosureList(latest.items),
        latest.total > latest.items.length
          ? h('p', { class: 'more' }, h('a', { href: '/portal/search' }, `查看全部 ${latest.total} 条决定信息`))
          : null,
      ),
      h(
        'section',
        { 'aria-labelledby': 'agencies-heading' },
        h('h2', { id: 'agencies-heading' }, `执法主体（${agencies.length} 个）`),
        h(
          'ul',
          { class: 'plain grid' },
          agencies.map((a) => h('li', null, agencyCard(a))),
        ),
      ),
    ],
  };
}

export async function agencyPage(id: number, page: number): Promise<Rendered> {
  const pageSize = 10;
  const [agencies, officers, decisions] = await Promise.all([
    allAgencies(),
    getJson<Page<Officer>>(`/api/public/officers${query({ agencyId: id, pageSize: 200 })}`),
    getJson<Page<Disclosure>>(`/api/public/disclosures${query({ agencyId: id, page, pageSize })}`),
  ]);
  const a = agencies.find((x) => x.id === id);
  if (!a) throw new ApiError(404, 'NOT_FOUND', '未找到该执法主体');
  return {
    title: a.name,
    content: [
      h('p', { class: 'crumbs' }, h('a', { href: '/portal/' }, '首页'), ' › 执法主体'),
      h('h1', null, a.name),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'info-heading' },
        h('h2', { id: 'info-heading', class: 'visually-hidden' }, '基本信息'),
        fields([
          ['主体类别', label(AGENCY_KIND_LABELS, a.kind)],
          ['执法领域', label(FIELD_LABELS, a.field)],
          ['统一社会信用代码', a.uscc ?? ''],
          ['地址', a.address],
          ['办公电话', a.officePhone ? h('a', { href: `tel:${a.officePhone}` }, a.officePhone) : ''],
          ['投诉电话', a.complaintPhone ? h('a', { href: `tel:${a.complaintPhone}` }, a.complaintPhone) : ''],
        ]),
      ),
      agencyListsSection(id),
      h(
        'section',
        { 'aria-labelledby': 'officers-heading' },
        h('h2', { id: 'officers-heading' }, `执法人员（${officers.total} 人）`),
        officers.items.length === 0
          ? h('p', { class: 'empty' }, '暂无持证执法人员。')
          : h(
              'div',
              { class: 'table-wrap', role: 'region', 'aria-label': '执法人员名单表格', tabindex: 0 },
              h(
                'table',
                null,
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    h('th', { scope: 'col' }, '姓名'),
                    h('th', { scope: 'col' }, '执法证号'),
                    h('th', { scope: 'col' }, '执法类别'),
                    h('th', { scope: 'col' }, '证件状态'),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  officers.items.map((o) =>
                    h(
                      'tr',
                      null,
                      h('th', { scope: 'row' }, o.name),
                      h('td', { class: 'mono' }, o.credentialNo),
                      h('td', null, o.fields.map((f) => label(FIELD_LABELS, f)).join('、')),
                      h(
                        'td',
                        null,
                        o.validToday ? h('span', { class: 'ok' }, '有效') : h('span', { class: 'warn' }, '今日无效'),
                      ),
                    ),
                  ),
                ),
              ),
            ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'decisions-heading' },
        h('h2', { id: 'decisions-heading' }, `执法决定（${decisions.total} 条）`),
        disclosureList(decisions.items),
        pager(page, pageSize, decisions.total, (p) => `${agencyPath(id)}${query({ page: p })}`),
        decisions.total > 0
          ? h(
              'p',
              { class: 'more' },
              h('a', { href: `/portal/search${query({ agencyId: id })}` }, '按条件检索本单位的决定信息'),
            )
          : null,
      ),
    ],
  };
}

export async function searchPage(params: URLSearchParams): Promise<Rendered> {
  const get = (k: string) => params.get(k)?.trim() ?? '';
  const q = get('q');
  const agencyId = get('agencyId');
  const category = get('category');
  const from = get('from');
  const to = get('to');
  const page = Math.max(1, Number(get('page')) || 1);
  const pageSize = 20;
  const [agencies, results] = await Promise.all([
    allAgencies(),
    getJson<SearchPage<Disclosure>>(
      `/api/public/disclosures${query({ q, agencyId, category, from, to, page, pageSize })}`,
    ),
  ]);
  const option = (value: string, text: string, selected: string) =>
    h('option', { value, selected: value === selected }, text);
  const form = h(
    'form',
    { class: 'card search', role: 'search', action: '/portal/search', method: 'get', 'aria-label': '检索条件' },
    h(
      'div',
      { class: 'field wide' },
      h('label', { for: 'q' }, '关键词'),
      h('input', {
        id: 'q',
        name: 'q',
        type: 'search',
        value: q,
        placeholder: '当事人、执法主体、文书编号、违法行为……',
        autocomplete: 'off',
        'aria-describedby': 'q-hint',
      }),
      h('p', { id: 'q-hint', class: 'hint' }, '多个词用空格分开，结果须包含全部词语。'),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'agencyId' }, '执法主体'),
      h(
        'select',
        { id: 'agencyId', name: 'agencyId' },
        option('', '全部执法主体', agencyId),
        agencies.map((a) => option(String(a.id), a.name, agencyId)),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'category' }, '决定类别'),
      h(
        'select',
        { id: 'category', name: 'category' },
        option('', '全部类别', category),
        DISCLOSURE_CATEGORIES.map((c) => option(c, DISCLOSURE_CATEGORY_LABELS[c], category)),
      ),
    ),
    h(
      'fieldset',
      { class: 'field dates' },
      h('legend', null, '公开日期'),
      h(
        'div',
        { class: 'row' },
        h('label', { for: 'from' }, h('span', { class: 'visually-hidden' }, '公开日期'), '从'),
        h('input', { id: 'from', name: 'from', type: 'date', value: from }),
        h('label', { for: 'to' }, h('span', { class: 'visually-hidden' }, '公开日期'), '至'),
        h('input', { id: 'to', name: 'to', type: 'date', value: to }),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, '检索'),
      h('a', { href: '/portal/search', class: 'button secondary' }, '清除条件'),
    ),
  );
  const filtered = Boolean(q || agencyId || category || from || to);
  const count = results.totalCapped ? `超过 ${results.total}` : `${results.total}`;
  const summary =
    results.total === null
      ? '符合条件的决定信息很多，未逐条计数，最新公开的在前；可增加关键词或条件缩小范围'
      : filtered
        ? `共找到 ${count} 条符合条件的决定信息`
        : `共 ${count} 条公开的决定信息，最新公开的在前`;
  const hrefOf = (p: number) => `/portal/search${query({ q, agencyId, category, from, to, page: p })}`;
  return {
    title: q ? `检索：${q}` : '决定信息检索',
    announce: summary,
    content: [
      h('h1', null, '行政执法决定信息检索'),
      form,
      h(
        'section',
        { 'aria-labelledby': 'results-heading' },
        h('h2', { id: 'results-heading' }, '检索结果'),
        h('p', { class: 'summary' }, summary),
        disclosureList(results.items, 'h3', filtered ? '没有符合条件的决定信息，请减少关键词或放宽条件。' : undefined),
        pager(page, pageSize, results.total, hrefOf, results.hasMore),
      ),
    ],
  };
}

type PublicRecord = Disclosure['record'];

/**
 * The record's fields; with `corrected` (the version that replaced it), the fields the correction
 * changed are marked 已更正.
 */
function recordFields(r: PublicRecord, publishedOn: string, corrected?: PublicRecord): HTMLDListElement {
  const value = (key: keyof PublicRecord, shown: Child = String(r[key] ?? '')): Child =>
    corrected && corrected[key] !== r[key] && r[key] !== ''
      ? [shown, h('span', { class: 'tag tag-warn' }, '已更正')]
      : shown;
  return fields([
    ['执法主体', value('agencyName', h('a', { href: agencyPath(r.agencyId) }, r.agencyName))],
    ['决定类别', value('categoryLabel')],
    [r.partyType === 'organization' ? '当事人（单位）' : '当事人', r.partyName && value('partyName')],
    ['统一社会信用代码', r.partyCode && value('partyCode')],
    ['法定代表人（负责人）', r.legalRepresentative && value('legalRepresentative')],
    [r.instrumentName ? `${r.instrumentName}编号` : '文书编号', r.instrumentNumber && value('instrumentNumber')],
    ['案件名称', r.title && value('title')],
    ['主要违法事实', r.facts && value('facts')],
    ['违反的法律规定', r.violatedProvision && value('violatedProvision')],
    ['决定依据', r.legalBasis && value('legalBasis')],
    ['处理结果', r.conclusion && value('conclusion')],
    ['决定日期', value('decidedOn', chineseDate(r.decidedOn))],
    ['公开日期', chineseDate(publishedOn)],
  ]);
}

function withdrawalFields(w: Withdrawal): HTMLDListElement {
  // The reason may already begin with the kind (被依法撤销：…); it is not said twice.
  const prefix = `${w.reversalKindLabel}：`;
  const reason =
    w.reversalKindLabel && w.withdrawReason.startsWith(prefix)
      ? w.withdrawReason.slice(prefix.length)
      : w.withdrawReason;
  return fields([
    ['执法主体', w.agencyName],
    ['文书编号', w.instrumentNumber],
    ['决定类别', w.categoryLabel],
    ['撤回情形', w.reversalKindLabel],
    ['撤回原因', reason],
    ['撤回日期', chineseDate(w.withdrawnOn)],
  ]);
}

export async function detailPage(id: number): Promise<Rendered> {
  let d: DisclosureDetail;
  try {
    d = await getJson<DisclosureDetail>(`/api/public/disclosures/${id}`);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'DISCLOSURE_WITHDRAWN') return withdrawnPage(id, err.message);
    throw err;
  }
  const r = d.record;
  return {
    title: disclosureTitle(d),
    content: [
      h('p', { class: 'crumbs' }, h('a', { href: '/portal/search' }, '决定信息'), ` › ${r.categoryLabel}`),
      h('h1', null, disclosureTitle(d)),
      d.version > 1
        ? h(
            'div',
            { class: 'notice notice-info' },
            h('p', null, h('strong', null, `本信息已更正，现为第 ${d.version} 版。`)),
            d.correctionReason ? h('p', null, `更正原因：${d.correctionReason}`) : null,
          )
        : null,
      h('section', { class: 'card', 'aria-label': '决定信息' }, recordFields(r, d.publishedOn)),
      d.history.length > 0
        ? h(
            'section',
            { 'aria-labelledby': 'history-heading' },
            h('h2', { id: 'history-heading' }, '历史版本'),
            h(
              'ul',
              { class: 'plain list' },
              d.history.map((v, i) =>
                h(
                  'li',
                  null,
                  h(
                    'details',
                    { class: 'card history' },
                    h(
                      'summary',
                      null,
                      `第 ${v.version} 版（${chineseDate(v.publishedOn)}公开）`,
                      h('span', { class: 'tag tag-warn' }, '已更正'),
                    ),
                    v.correctionReason ? h('p', { class: 'reason' }, `更正原因：${v.correctionReason}`) : null,
                    recordFields(v.record, v.publishedOn, (d.history[i - 1] ?? d).record),
                  ),
                ),
              ),
            ),
          )
        : null,
    ],
  };
}

async function withdrawnPage(id: number, message: string): Promise<Rendered> {
  const notices = await getJson<Page<Withdrawal>>(`/api/public/withdrawals${query({ disclosureId: id })}`);
  const w = notices.items[0];
  return {
    title: '该决定信息已撤回',
    content: [
      h('h1', null, '该决定信息已撤回'),
      h('div', { class: 'notice notice-withdrawn' }, h('p', null, message), w ? withdrawalFields(w) : null),
      h('p', null, h('a', { href: '/portal/withdrawals' }, '查看全部撤回公告')),
    ],
  };
}

export async function withdrawalsPage(page: number): Promise<Rendered> {
  const pageSize = 20;
  const notices = await getJson<Page<Withdrawal>>(`/api/public/withdrawals${query({ page, pageSize })}`);
  return {
    title: '撤回公告',
    content: [
      h('h1', null, '撤回公告'),
      h(
        'p',
        { class: 'lead' },
        '行政执法决定被依法撤销、变更、确认违法或者确认无效的，原公开的决定信息自决定被撤销等之日起三个工作日内撤回，并在此公开撤回原因。',
      ),
      notices.items.length === 0
        ? h('p', { class: 'empty' }, '暂无撤回公告。')
        : h(
            'ul',
            { class: 'plain list' },
            notices.items.map((w) =>
              h(
                'li',
                null,
                h(
                  'article',
                  { class: 'card item' },
                  h('h2', { class: 'item-title' }, `${w.instrumentNumber || `${w.categoryLabel}决定`}（已撤回）`),
                  withdrawalFields(w),
                ),
              ),
            ),
          ),
      pager(page, pageSize, notices.total, (p) => `/portal/withdrawals${query({ page: p })}`),
    ],
  };
}

export function notFoundPage(message = '页面不存在'): Rendered {
  return {
    title: message,
    content: [h('h1', null, message), h('p', null, h('a', { href: '/portal/' }, '返回首页'))],
  };
}
