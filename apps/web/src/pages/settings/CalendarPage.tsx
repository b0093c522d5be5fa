import { CalendarOutlined, EditOutlined } from '@ant-design/icons';
import { isCalendarDate, shanghaiDate } from '@sanxiang/domain';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { CalendarInfo } from '../../api/caseTypes';
import { ApiError, api, errorMessage } from '../../api/client';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';

type Override = CalendarInfo['overrides'][number];

const DAY_MS = 86_400_000;

/**
 * Dates as people paste them from the State Council's notice: one per line or separated by commas/、/spaces, and
 * ranges written 2027-02-10~2027-02-17 or 2027-02-10至2027-02-17. Returns the sorted dates and what did not parse.
 */
export function parseDates(text: string): { dates: string[]; bad: string[] } {
  const dates = new Set<string>();
  const bad: string[] = [];
  for (const token of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const range = /^(\d{4}-\d{2}-\d{2})(?:~|～|至|--)(\d{4}-\d{2}-\d{2})$/.exec(token);
    if (range?.[1] && range[2] && isCalendarDate(range[1]) && isCalendarDate(range[2]) && range[1] <= range[2]) {
      for (let t = Date.parse(`${range[1]}T00:00:00Z`); t <= Date.parse(`${range[2]}T00:00:00Z`); t += DAY_MS) {
        dates.add(new Date(t).toISOString().slice(0, 10));
      }
    } else if (isCalendarDate(token)) {
      dates.add(token);
    } else {
      bad.push(token);
    }
  }
  return { dates: [...dates].sort(), bad };
}

interface Values {
  year: number;
  holidays: string;
  workdays?: string;
  note: string;
}

function datesRule(year: number | undefined, what: string, required: boolean) {
  return {
    validator: async (_: unknown, text: string | undefined) => {
      const { dates, bad } = parseDates(text ?? '');
      if (required && dates.length === 0) throw new Error(`请录入${what}`);
      if (bad.length > 0) throw new Error(`无法识别：${bad.slice(0, 3).join('、')}（日期格式为 YYYY-MM-DD）`);
      const other = year ? dates.filter((d) => Number(d.slice(0, 4)) !== year) : [];
      if (other.length > 0) throw new Error(`${other[0]} 不在 ${year} 年`);
    },
  };
}

function YearForm({ initial, onSaved }: { initial: Override | { year: number } | null; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const year = Form.useWatch('year', form);
  const holidays = parseDates(Form.useWatch('holidays', form) ?? '').dates;
  const workdays = parseDates(Form.useWatch('workdays', form) ?? '').dates;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/calendar/${v.year}`, {
        holidays: parseDates(v.holidays).dates,
        workdays: parseDates(v.workdays ?? '').dates,
        note: v.note.trim(),
      });
      message.success(`${v.year} 年节假日安排已保存，涉及该年的期限即可计算`);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const existing = initial && 'holidays' in initial ? initial : null;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      initialValues={{
        year: initial?.year,
        holidays: existing?.holidays.join('\n') ?? '',
        workdays: existing?.workdays.join('\n') ?? '',
        note: existing?.note ?? '',
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item
            name="note"
            label="依据"
            rules={[{ required: true, whitespace: true, min: 2, message: '请写明依据（如国务院办公厅通知文号）' }]}
          >
            <Input
              maxLength={200}
              placeholder="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="holidays"
            label={`法定节假日（放假日期，含其间的周末）${holidays.length ? `：已识别 ${holidays.length} 天` : ''}`}
            dependencies={['year']}
            required
            rules={[datesRule(year, '法定节假日', true)]}
            extra="每行一个日期，或用“~”表示连续日期，如 2027-02-10~2027-02-17"
          >
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} spellCheck={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="workdays"
            label={`调休上班日（周六、周日上班）${workdays.length ? `：已识别 ${workdays.length} 天` : ''}`}
            dependencies={['year']}
            rules={[datesRule(year, '调休上班日', false)]}
          >
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} spellCheck={false} />
          </Form.Item>
        </Col>
      </Row>
      {error && (
        <Alert
          type="error"
          showIcon
          title={typeof error === 'string' ? error : error.message}
          description={
            typeof error !== 'string' && (error.errors?.length ?? 0) > 1 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {error.errors?.map((e) => (
                  <li key={e.message}>{e.message}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        保存整年安排
      </Button>
    </Form>
  );
}

/**
 * 节假日设置 (CAL): working-day deadlines follow the State Council's yearly notice. The calendar package covers the
 * years it was published with; a justice-bureau administrator enters a year it lacks, as a whole.
 */
export default function CalendarPage() {
  const me = useMe();
  const calendar = useFetch<CalendarInfo>('/api/calendar');
  const canEdit = hasRole(me.roles, 'admin') && me.agency.role === 'supervisor';
  const [editing, setEditing] = useState<Override | { year: number } | null>(null);
  const thisYear = Number(shanghaiDate().slice(0, 4));
  const data = calendar.data;
  const firstMissing = data?.missingSoon[0];

  return (
    <>
      <PageHeading
        title="节假日设置"
        sub="工作日期限按国务院办公厅每年公布的节假日安排计算（含调休上班日）；缺少某年数据时，涉及该年的期限不作推算"
      />
      {calendar.error && <Alert type="error" showIcon title={calendar.error} style={{ marginBottom: 16 }} />}
      {data?.missingSoon.map((y) => (
        <Alert
          key={y}
          type="warning"
          showIcon
          title={`${y} 年节假日安排尚未录入，涉及 ${y} 年的期限将无法计算`}
          description={canEdit ? '国务院办公厅公布安排后，请在下方录入。' : '请联系司法行政机关的系统管理员录入。'}
          action={
            canEdit && (
              <Button size="small" type="primary" onClick={() => setEditing({ year: y })}>
                录入 {y} 年
              </Button>
            )
          }
          style={{ marginBottom: 16 }}
        />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            title={
              <span>
                <CalendarOutlined /> 已有数据的年份
              </span>
            }
            loading={calendar.loading && !data}
          >
            <Space wrap size={[4, 8]}>
              {(data?.coveredYears ?? [])
                .filter((y) => y >= thisYear - 5)
                .map((y) => (
                  <Tag key={y} color={data?.overrides.some((o) => o.year === y) ? 'purple' : 'blue'}>
                    {y}
                  </Tag>
                ))}
            </Space>
            <p style={{ color: '#6b7280', fontSize: 12, marginBottom: 0 }}>
              蓝色为节假日数据包内置的年份，紫色为管理员录入的年份（录入的整年安排优先）。仅显示近年。
            </p>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title="管理员录入的年份"
            extra={
              canEdit && (
                <Button icon={<EditOutlined />} onClick={() => setEditing({ year: firstMissing ?? thisYear + 1 })}>
                  录入年份
                </Button>
              )
            }
          >
            <Table<Override>
              rowKey="year"
              size="small"
              loading={calendar.loading}
              dataSource={data?.overrides ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '尚未录入' }}
              columns={[
                { title: '年份', dataIndex: 'year' },
                { title: '法定节假日', dataIndex: 'holidays', render: (d: string[]) => `${d.length} 天` },
                { title: '调休上班日', dataIndex: 'workdays', render: (d: string[]) => `${d.length} 天` },
                { title: '依据', dataIndex: 'note', width: 260, ellipsis: { showTitle: true } },
                {
                  title: '更新时间',
                  dataIndex: 'updatedAt',
                  responsive: ['md'],
                  render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm'),
                },
                ...(canEdit
                  ? [
                      {
                        title: '操作',
                        key: 'edit',
                        render: (_: unknown, o: Override) => (
                          <Button size="small" onClick={() => setEditing(o)}>
                            修改
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title="节假日安排全县通用，由司法行政机关的系统管理员录入"
        />
      )}
      {canEdit && editing && (
        <Card title={`录入 ${editing.year} 年节假日安排`} style={{ marginTop: 16 }}>
          <YearForm
            key={editing.year}
            initial={editing}
            onSaved={() => {
              setEditing(null);
              calendar.reload();
            }}
          />
        </Card>
      )}
    </>
  );
}
