/**
 * 行政执法统计年报 on the portal (G-4): /portal/reports lists the published reports, /portal/reports/:id
 * shows one with two charts and the full table. The charts are Charts.css: a real <table> styled as bars
 * (6 KB gzipped of CSS, no script), so the chart is its own text alternative for screen readers; the
 * complete 年报 table follows. Charts.css 1.2 ships `@property` rules without `initial-value`, which
 * Vite's CSS minifier (lightningcss) rejects, so the stylesheet is loaded as text, on the report page
 * only, and added as it is (browsers ignore those rules, as the spec says).
 */
import './reportPages.css';
import {
  ACTION_KIND_LABELS,
  type ActionKind,
  type AnnualFigures,
  actionKindTotal,
  formatFigure,
  REPORT_PENALTY_TYPE_LABELS,
  REPORT_PENALTY_TYPES,
  REPORT_UNIT_LABELS,
  type ReportUnit,
} from '@sanxiang/domain';
import { getJson, query } from './api';
import { type Child, chineseDate, fields, h } from './dom';
import type { Rendered } from './pages';

interface ReportSummary {
  id: number;
  kind: 'agency' | 'region';
  agencyId: number | null;
  regionCode: string | null;
  subjectName: string;
  title: string;
  year: number;
  heldKindLabels: string[];
  publishedOn: string;
  publishedLate: boolean;
}

interface ReportDetail extends ReportSummary {
  heldKinds: ActionKind[];
  figures: AnnualFigures;
  notes: string;
  sections: { key: string; title: string; rows: { key: string; label: string; unit: ReportUnit; level: number }[] }[];
}

/** Short labels for the chart's axis (the table below has the full ones). */
const PENALTY_CHART_LABELS: Partial<Record<string, string>> = {
  confiscation: '没收',
  restrictBusiness: '限制生产经营',
  suspendBusiness: '停产停业',
  closeOrBan: '关闭、限制从业',
};

export const reportPath = (id: number) => `/portal/reports/${id}`;

function downloads(id: number): HTMLElement {
  return h(
    'p',
    { class: 'report-downloads' },
    h('a', { class: 'button', href: `/api/public/reports/${id}.xlsx`, download: '' }, '下载 Excel'),
    ' ',
    h('a', { class: 'button', href: `/api/public/reports/${id}.pdf`, target: '_blank', rel: 'noopener' }, '查看 PDF'),
  );
}

export async function reportsPage(params: URLSearchParams): Promise<Rendered> {
  const agencyId = Number(params.get('agencyId')) || undefined;
  const { items } = await getJson<{ items: ReportSummary[] }>(`/api/public/reports${query({ agencyId })}`);
  const years = [...new Set(items.map((r) => r.year))];
  const content: Child[] = [
    h('h1', null, '行政执法统计年报'),
    h(
      'p',
      { class: 'lead' },
      '各行政执法机关每年1月31日前公开本机关上年度行政执法总体情况数据：行政处罚、行政许可、行政强制、行政检查等的数量，罚没金额，法制审核、听证和执法决定公开情况，以及执法人员持证情况。',
    ),
  ];
  if (items.length === 0) content.push(h('p', { class: 'empty' }, '暂无已公开的统计年报。'));
  for (const year of years) {
    content.push(
      h('h2', null, `${year}年度`),
      h(
        'ul',
        { class: 'plain list' },
        items
          .filter((r) => r.year === year)
          .map((r) =>
            h(
              'li',
              null,
              h(
                'article',
                { class: 'card item' },
                h('h3', { class: 'item-title' }, h('a', { href: reportPath(r.id) }, r.title)),
                h(
                  'p',
                  { class: 'meta' },
                  r.kind === 'region' ? h('span', { class: 'tag' }, '辖区汇总') : null,
                  r.kind === 'region' ? ' ' : null,
                  h('span', { class: 'nowrap' }, `公开日期 ${chineseDate(r.publishedOn)}`),
                  r.publishedLate ? h('span', { class: 'tag tag-warn' }, '逾期公开') : null,
                ),
              ),
            ),
          ),
      ),
    );
  }
  return {
    title: '行政执法统计年报',
    content,
    announce: items.length ? `共 ${items.length} 份统计年报` : '暂无已公开的统计年报',
  };
}

/** A bar chart that is a table: caption, a row per category, the value printed in and read from the row. */
function barChart(id: string, caption: string, unit: string, rows: [string, number][]): HTMLElement {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return h(
    'figure',
    { class: 'card report-chart', 'aria-labelledby': `${id}-caption` },
    h('h3', { id: `${id}-caption`, class: 'chart-title' }, caption),
    h(
      'table',
      {
        class: 'charts-css bar show-labels show-primary-axis data-spacing-2',
        id,
        style: `height: ${rows.length * 1.9}rem`,
      },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '类别'), h('th', { scope: 'col' }, `数量（${unit}）`))),
      h(
        'tbody',
        null,
        rows.map(([label, n]) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, label),
            h('td', { style: `--size: ${(n / max).toFixed(4)}` }, h('span', { class: 'data' }, String(n))),
          ),
        ),
      ),
    ),
  );
}

function reportTable(r: ReportDetail): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap report-table', role: 'region', 'aria-label': '年报数据表格', tabindex: 0 },
    h(
      'table',
      null,
      h('caption', { class: 'visually-hidden' }, r.title),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, '项目'),
          h('th', { scope: 'col' }, '指标'),
          h('th', { scope: 'col' }, '单位'),
          h('th', { scope: 'col', class: 'num' }, '数值'),
        ),
      ),
      r.sections.map((s) =>
        h(
          'tbody',
          null,
          s.rows.map((row, i) =>
            h(
              'tr',
              null,
              i === 0 ? h('th', { scope: 'rowgroup', rowspan: s.rows.length, class: 'section' }, s.title) : null,
              h('td', { class: row.level ? 'sub' : null }, row.label),
              h('td', null, REPORT_UNIT_LABELS[row.unit]),
              h('td', { class: 'num' }, formatFigure(row, r.figures[row.key])),
            ),
          ),
        ),
      ),
    ),
  );
}

let chartsCss: Promise<void> | undefined;
function loadChartsCss(): Promise<void> {
  chartsCss ??= import('charts.css/dist/charts.min.css?raw').then(({ default: css }) => {
    document.head.append(h('style', { 'data-charts-css': '1.2.0' }, css));
  });
  return chartsCss;
}

export async function reportPage(id: number): Promise<Rendered> {
  const [r] = await Promise.all([getJson<ReportDetail>(`/api/public/reports/${id}`), loadChartsCss()]);
  const penalties: [string, number][] = REPORT_PENALTY_TYPES.map((t) => [
    PENALTY_CHART_LABELS[t] ?? REPORT_PENALTY_TYPE_LABELS[t],
    r.figures[`penalty.${t}`] ?? 0,
  ]);
  const kinds: [string, number][] = r.heldKinds
    .filter((k) => k !== 'other')
    .map((k) => [ACTION_KIND_LABELS[k], actionKindTotal(r.figures, k)]);
  return {
    title: r.title,
    content: [
      h(
        'nav',
        { class: 'crumbs', 'aria-label': '位置' },
        h('a', { href: '/portal/' }, '首页'),
        ' › ',
        h('a', { href: '/portal/reports' }, '统计年报'),
      ),
      h('h1', null, r.title),
      fields([
        ['填报单位', r.subjectName],
        ['统计期间', `${r.year}年1月1日至${r.year}年12月31日`],
        ['公开日期', `${chineseDate(r.publishedOn)}${r.publishedLate ? '（逾期公开）' : ''}`],
        ['执法职权类别', r.heldKindLabels.join('、')],
      ]),
      downloads(r.id),
      h(
        'div',
        { class: 'grid report-charts' },
        r.heldKinds.includes('penalty')
          ? barChart('chart-penalties', '行政处罚决定（按处罚种类）', '件', penalties)
          : null,
        barChart('chart-kinds', '行政执法行为（按类别）', '件', kinds),
      ),
      h('h2', null, '年报数据'),
      reportTable(r),
      h('h2', null, '说明'),
      h('p', { class: 'report-notes' }, r.notes || '无'),
    ],
  };
}
