import { DownloadOutlined, EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { INSTRUMENT_CATALOG, type InstrumentFieldSpec } from '@sanxiang/domain';
import { Alert, App, Button, Form, Input, Modal, Space, Spin, Table, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseInstrument, InstrumentDetail } from '../../api/caseTypes';
import { ApiError, api, errorMessage } from '../../api/client';
import { useFetch } from '../../api/useFetch';
import { useCompact } from '../../layout/useCompact';
import { fieldString, fieldWidgetValue } from './stepBody';
import { InstrumentField } from './stepInputs';

const NO_FIELDS: InstrumentFieldSpec[] = [];

/**
 * 更正: a new version under the same number with corrected fields; the issued version stays as it was, marked
 * 已更正. The form starts from the fields frozen in the instrument (GET /api/instruments/:id).
 */
function CorrectionModal({
  instrument,
  onClose,
  onDone,
}: {
  instrument: CaseInstrument;
  onClose(): void;
  onDone(): void;
}) {
  const { message } = App.useApp();
  const compact = useCompact();
  const [form] = Form.useForm<{ reason: string; fields: Record<string, unknown> }>();
  const detail = useFetch<InstrumentDetail>(`/api/instruments/${instrument.id}`);
  const specs = INSTRUMENT_CATALOG[instrument.type]?.fields ?? NO_FIELDS;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!detail.data) return;
    const stored = detail.data.context.fields ?? {};
    form.setFieldsValue({
      fields: Object.fromEntries(specs.map((s) => [s.key, fieldWidgetValue(s, stored[s.key])])),
    });
  }, [detail.data, form, specs]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const fields: Record<string, string> = {};
      for (const s of specs) {
        const value = fieldString(s, v.fields?.[s.key]);
        if (value) fields[s.key] = value;
      }
      const saved = await api.post<{ number: string; version: number }>(
        `/api/instruments/${instrument.id}/corrections`,
        { reason: v.reason.trim(), fields },
      );
      message.success(`已更正：${saved.number}（第 ${saved.version} 版），原版本保留`);
      onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        const named = (err.errors ?? []).filter((e) => e.field && specs.some((s) => s.key === e.field));
        form.setFields(named.map((e) => ({ name: ['fields', e.field as string], errors: [e.message] })));
      }
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`更正文书：${instrument.name} ${instrument.number}`}
      okText="保存更正"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={compact ? '100%' : 720}
      destroyOnHidden
    >
      <p style={{ marginTop: 0, color: '#57606a' }}>
        已签发的文书不能修改。更正将以同一文号生成新版本，原版本保留并标注“已更正”，更正理由记入全过程记录。
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {detail.error && <Alert type="error" showIcon title={detail.error} />}
      {detail.loading && !detail.data ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="更正理由"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写更正理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
          </Form.Item>
          {specs.map((s) => (
            <InstrumentField key={s.key} spec={s} />
          ))}
        </Form>
      )}
    </Modal>
  );
}

/** 文书: every instrument of the case, newest version first within a number; PDF to read, DOCX to download. */
export function InstrumentsTab({
  instruments,
  canCorrect,
  onChanged,
}: {
  instruments: CaseInstrument[];
  canCorrect: boolean;
  onChanged(): void;
}) {
  const compact = useCompact();
  const [correcting, setCorrecting] = useState<CaseInstrument | null>(null);
  return (
    <>
      <Table<CaseInstrument>
        rowKey="id"
        size="small"
        dataSource={instruments}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚未生成文书' }}
        columns={[
          {
            title: '文书',
            dataIndex: 'name',
            render: (name: string, i) => (
              <span style={{ color: i.supersededById ? '#8c8c8c' : undefined }}>
                {name}
                {i.supersededById && (
                  <Tag style={{ marginInlineStart: 6 }} color="default">
                    已更正
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: '文号',
            dataIndex: 'number',
            render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span>,
          },
          {
            title: '版本',
            dataIndex: 'version',
            responsive: ['sm'],
            render: (v: number, i) =>
              i.correctionReason ? (
                <Tooltip title={`更正理由：${i.correctionReason}`}>
                  <span style={{ borderBottom: '1px dashed #999' }}>第 {v} 版</span>
                </Tooltip>
              ) : (
                `第 ${v} 版`
              ),
          },
          { title: '日期', dataIndex: 'issuedOn', responsive: ['md'] },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, i) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  icon={<FilePdfOutlined />}
                  href={`/api/instruments/${i.id}/pdf`}
                  target="_blank"
                  rel="noopener"
                  aria-label={`查看PDF：${i.name}`}
                >
                  PDF
                </Button>
                {!compact && (
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={`/api/instruments/${i.id}/docx?download=1`}
                    aria-label={`下载DOCX：${i.name}`}
                  >
                    DOCX
                  </Button>
                )}
                {canCorrect && !i.supersededById && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setCorrecting(i)}>
                    更正
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {correcting && (
        <CorrectionModal
          instrument={correcting}
          onClose={() => setCorrecting(null)}
          onDone={() => {
            setCorrecting(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
