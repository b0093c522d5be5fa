import { PlusOutlined } from '@ant-design/icons';
import { PROCEDURE_LABELS, PROCEDURES, type ProcedureId } from '@sanxiang/domain';
import { Alert, Button, Card, Empty, Input, Pagination, Select, Spin, Switch, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { CaseListItem } from '../../api/caseTypes';
import type { Paged } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { useListParams } from '../../components/useListParams';
import { useCompact } from '../../layout/useCompact';
import { StateTag, stateOptions } from './caseText';

const FILTERS = ['q', 'procedure', 'state', 'mine', 'open'] as const;

function DueText({ item }: { item: CaseListItem }) {
  if (!item.nextDue) return <span style={{ color: '#999' }}>—</span>;
  return item.overdue ? (
    <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }}>
      {item.nextDue} <Tag color="error">已逾期</Tag>
    </span>
  ) : (
    <span style={{ whiteSpace: 'nowrap' }}>{item.nextDue}</span>
  );
}

/** On a phone a table hides what matters; each case is a short block instead. */
function PhoneList({
  items,
  loading,
  empty,
  page,
  pageSize,
  total,
  onPage,
}: {
  items: CaseListItem[];
  loading: boolean;
  empty: string;
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}) {
  if (loading && items.length === 0) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (items.length === 0) return <Empty description={empty} />;
  return (
    <div>
      {items.map((c) => (
        <div key={c.id} data-case={c.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <Link to={`/cases/${c.id}`}>{c.caseNo}</Link>
            <StateTag procedure={c.procedure} state={c.state} label={c.stateLabel} />
          </div>
          <div style={{ fontWeight: 500, marginTop: 2 }}>{c.title}</div>
          <div style={{ color: '#6b7280', fontSize: 13 }}>
            {c.partyName} · {c.procedureLabel}
          </div>
          {c.nextDue && (
            <div style={{ fontSize: 13 }}>
              最近期限：
              <DueText item={c} />
            </div>
          )}
        </div>
      ))}
      <Pagination
        size="small"
        current={page}
        pageSize={pageSize}
        total={total}
        onChange={onPage}
        showTotal={(t) => `共 ${t} 件`}
        style={{ marginTop: 12, justifyContent: 'center' }}
      />
    </div>
  );
}

/** 案件办理: the cases of the caller's agency (a justice bureau: of its region, read only). */
export default function CaseListPage() {
  const me = useMe();
  const compact = useCompact();
  const navigate = useNavigate();
  const handles = hasRole(me.roles, 'officer', 'head') && me.agency.role === 'agency';
  const { filters, page, pageSize, update } = useListParams(FILTERS);
  const list = useFetch<Paged<CaseListItem>>('/api/cases', { ...filters, page, pageSize });
  const procedure = filters.procedure as ProcedureId | undefined;
  const manyAgencies = me.agency.role === 'supervisor';

  return (
    <>
      <PageHeading
        title="案件办理"
        sub={handles ? '本单位的执法案件：登记线索、按流程办理、生成文书' : '辖区执法主体的执法案件（只读）'}
        extra={
          handles && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
              登记案件
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: compact ? 12 : 24 } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="案号、案由或当事人"
            defaultValue={filters.q}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 240, maxWidth: '100%' }}
          />
          <Select
            allowClear
            placeholder="办案程序"
            value={procedure}
            onChange={(p?: string) => update({ procedure: p, state: undefined })}
            options={PROCEDURES.map((p) => ({ value: p, label: PROCEDURE_LABELS[p] }))}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="办理状态"
            value={filters.state}
            onChange={(state?: string) => update({ state })}
            options={stateOptions(procedure)}
            style={{ width: 150 }}
          />
          {me.officerId ? (
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
              <Switch
                size="small"
                aria-label="只看我的"
                checked={filters.mine === 'true'}
                onChange={(on) => update({ mine: on ? 'true' : undefined })}
              />
              只看我的
            </span>
          ) : null}
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
            <Switch
              size="small"
              aria-label="只看未办结"
              checked={filters.open === 'true'}
              onChange={(on) => update({ open: on ? 'true' : undefined })}
            />
            只看未办结
          </span>
        </div>
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        {compact ? (
          <PhoneList
            items={list.data?.items ?? []}
            loading={list.loading}
            empty={handles ? '暂无案件，点击“登记案件”开始办理' : '暂无案件'}
            page={page}
            pageSize={pageSize}
            total={list.data?.total ?? 0}
            onPage={(p) => update({ page: p })}
          />
        ) : (
          <Table<CaseListItem>
            rowKey="id"
            size={compact ? 'small' : 'middle'}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: handles ? '暂无案件，点击“登记案件”开始办理' : '暂无案件' }}
            onRow={(c) => ({ onDoubleClick: () => navigate(`/cases/${c.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 件`,
              onChange: (p, s) => update({ page: p, pageSize: s }),
            }}
            columns={[
              {
                title: '案号',
                dataIndex: 'caseNo',
                width: 170,
                render: (no: string, c) => <Link to={`/cases/${c.id}`}>{no}</Link>,
              },
              { title: '案由', dataIndex: 'title', width: 220, ellipsis: true },
              { title: '程序', dataIndex: 'procedureLabel', width: 170, responsive: ['md'] },
              {
                title: '状态',
                dataIndex: 'stateLabel',
                width: 100,
                render: (label: string, c) => <StateTag procedure={c.procedure} state={c.state} label={label} />,
              },
              { title: '当事人', dataIndex: 'partyName', width: 180, ellipsis: true, responsive: ['sm'] },
              ...(manyAgencies
                ? [
                    {
                      title: '执法主体',
                      dataIndex: 'agencyName',
                      width: 170,
                      ellipsis: true,
                      responsive: ['lg' as const],
                    },
                  ]
                : []),
              { title: '线索登记', dataIndex: 'leadOn', width: 110, responsive: ['xxl'] },
              {
                title: '立案日期',
                dataIndex: 'filedOn',
                width: 110,
                responsive: ['lg'],
                render: (d: string | null) => d ?? '—',
              },
              { title: '最近期限', key: 'due', width: 150, render: (_: unknown, c) => <DueText item={c} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
