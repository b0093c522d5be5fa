import type { AnnualFigures } from '@sanxiang/domain';
import {
  ANNUAL_REPORT_STATUS_LABELS,
  type AnnualReportStatus,
  formatFigure,
  REPORT_UNIT_LABELS,
} from '@sanxiang/domain';
import { Table, Tag } from 'antd';
import type { ReportSectionView } from './annualReportTypes';

const STATUS_COLORS: Record<AnnualReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
};

export function ReportStatusTag({ status }: { status: AnnualReportStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{ANNUAL_REPORT_STATUS_LABELS[status]}</Tag>;
}

/** G-4 status of the due date: 逾期未公开 (red), 逾期公开, or the date itself. */
export function DueText({ r }: { r: { dueOn: string; late: boolean; publishedLate: boolean } }) {
  if (r.late)
    return (
      <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }} data-late>
        {r.dueOn}（已逾期未公开）
      </span>
    );
  if (r.publishedLate) return <span style={{ color: '#d46b08', whiteSpace: 'nowrap' }}>{r.dueOn}（逾期公开）</span>;
  return <span style={{ whiteSpace: 'nowrap' }}>{r.dueOn}</span>;
}

interface Line {
  key: string;
  section: string;
  span: number;
  label: string;
  level: number;
  unit: string;
  value: string;
  noSource: boolean;
}

/**
 * The 年报 table: 项目 (merged over its rows) | 指标 | 单位 | 数值, in the published order. On a phone the
 * section is a heading row and the unit goes with the value, so the numbers stay on screen.
 */
export function ReportTable({
  sections,
  figures,
  compact = false,
}: {
  sections: ReportSectionView[];
  figures: AnnualFigures;
  compact?: boolean;
}) {
  const lines: Line[] = sections.flatMap((s) => [
    ...(compact
      ? [
          {
            key: `${s.key}:title`,
            section: s.title,
            span: -1,
            label: s.title,
            level: 0,
            unit: '',
            value: '',
            noSource: false,
          },
        ]
      : []),
    ...s.rows.map((r, i) => ({
      key: r.key,
      section: s.title,
      span: i === 0 ? s.rows.length : 0,
      label: r.label,
      level: r.level,
      unit: REPORT_UNIT_LABELS[r.unit],
      value: formatFigure(r, figures[r.key]),
      noSource: r.noSource,
    })),
  ]);
  const label = {
    title: '指标',
    dataIndex: 'label',
    onCell: (l: Line) => (l.span === -1 ? { colSpan: 2, style: { background: '#f5f7fa' } } : {}),
    render: (t: string, l: Line) =>
      l.span === -1 ? (
        <strong>{t}</strong>
      ) : (
        <span style={{ paddingInlineStart: l.level ? (compact ? 12 : 20) : 0 }}>
          {t}
          {l.noSource && (
            <Tag
              style={{ marginInlineStart: 8 }}
              color="default"
              title="本系统尚无该项数据来源，按0填报，请在说明中补充"
            >
              暂无数据来源
            </Tag>
          )}
        </span>
      ),
  };
  const value = {
    title: '数值',
    dataIndex: 'value',
    width: compact ? 110 : 140,
    align: 'right' as const,
    onCell: (l: Line) => (l.span === -1 ? { colSpan: 0 } : {}),
    render: (v: string, l: Line) => (
      <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {v}
        {compact && l.unit !== '%' && v !== '－' ? ` ${l.unit}` : ''}
      </span>
    ),
  };
  return (
    <Table<Line>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      dataSource={lines}
      scroll={compact ? undefined : { x: 560 }}
      columns={
        compact
          ? [label, value]
          : [
              {
                title: '项目',
                dataIndex: 'section',
                width: 150,
                onCell: (l) => ({ rowSpan: l.span }),
                render: (t: string) => <strong>{t}</strong>,
              },
              label,
              { title: '单位', dataIndex: 'unit', width: 64, align: 'center' },
              value,
            ]
      }
    />
  );
}
