/**
 * 事中公示 (issue 6): print an officer's credential QR code (cards to wear with the credential) and the
 * 岗位信息公示牌 of a service window. The server draws both PDFs (credentialCheckRoutes.ts); the QR
 * opens the public check /portal/credentials/<code>.
 */
import { FilePdfOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Officer, Paged } from '../../api/types';
import { useFetch } from '../../api/useFetch';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Preselected officers (the detail page's one, or none from the list). */
  officers: Officer[];
  /** Reissuing a QR code (a lost card) is an admin's act. */
  admin: boolean;
}

interface BoardForm {
  officerIds: number[];
  windowName: string;
  business: string;
  duties: string;
  progressQuery: string;
}

const DEFAULT_DUTIES = '受理申请，一次性告知所需材料；审查申请材料；按承诺时限办结；解答咨询';
const DEFAULT_PROGRESS = '凭受理通知书在本窗口查询，或登录政务服务网查询';

/** Officers to choose from: those in the caller's scope with the preselected ones first. */
function useOfficerOptions(preselected: Officer[], q: string) {
  const list = useFetch<Paged<Officer>>('/api/officers', { q: q || undefined, pageSize: 50 });
  return useMemo(() => {
    const seen = new Map<number, Officer>();
    for (const o of [...preselected, ...(list.data?.items ?? [])]) seen.set(o.id, o);
    return {
      loading: list.loading,
      byId: seen,
      options: [...seen.values()].map((o) => ({
        value: o.id,
        label: `${o.name}（${o.credentialNo ?? '未持证'} · ${o.agencyName}）`,
      })),
    };
  }, [preselected, list.data, list.loading]);
}

function QrPreview({ officer, admin }: { officer: Officer; admin: boolean }) {
  const { message } = App.useApp();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [reason, setReason] = useState('');

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .get<{ url: string }>(`/api/officers/${officer.id}/credential-qr`)
      .then((r) => live && setUrl(r.url))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [officer.id]);

  if (error) return <Alert type="warning" showIcon title={error} />;
  if (!url) return <Typography.Text type="secondary">正在生成二维码…</Typography.Text>;
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <img
        src={`/api/officers/${officer.id}/credential-qr.svg?v=${version}`}
        alt={`${officer.name}的执法证件核验二维码`}
        width={160}
        height={160}
        style={{ border: '1px solid #d0d5dd', borderRadius: 4 }}
      />
      <div style={{ flex: 1, minWidth: 220 }}>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          <strong>{officer.name}</strong>　执法证号 {officer.credentialNo}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          群众扫码后打开公开核验页面，显示证件今日是否有效：
        </Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: url }} style={{ wordBreak: 'break-all' }}>
          <a href={url} target="_blank" rel="noreferrer">
            {url}
          </a>
        </Typography.Paragraph>
        {!officer.credentialValidToday && (
          <Alert type="error" showIcon title="该证件今日无效，扫码将显示“证件无效”" style={{ marginBottom: 8 }} />
        )}
        {admin && (
          <Popconfirm
            title="重新生成二维码"
            description={
              <Input
                aria-label="重新生成的原因"
                placeholder="原因（如：证件遗失补办）"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 260 }}
              />
            }
            okText="作废原二维码并重新生成"
            cancelText="取消"
            okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
            onConfirm={async () => {
              try {
                const r = await api.post<{ url: string }>(`/api/officers/${officer.id}/credential-qr/reissue`, {
                  reason: reason.trim(),
                });
                setUrl(r.url);
                setVersion((v) => v + 1);
                setReason('');
                message.success('已重新生成，原二维码立即作废；请重新打印卡片和公示牌');
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            <Button size="small" icon={<ReloadOutlined />}>
              重新生成（原二维码作废）
            </Button>
          </Popconfirm>
        )}
      </div>
    </div>
  );
}

export function CredentialPrintModal({ open, onClose, officers, admin }: Props) {
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [cardIds, setCardIds] = useState<number[]>(officers.map((o) => o.id));
  const [busy, setBusy] = useState<'cards' | 'board' | null>(null);
  const [form] = Form.useForm<BoardForm>();
  const choices = useOfficerOptions(officers, search);
  const single = officers.length === 1 ? officers[0] : undefined;

  useEffect(() => {
    if (!open) return;
    setCardIds(officers.map((o) => o.id));
    form.setFieldsValue({
      officerIds: officers.map((o) => o.id).slice(0, 4),
      windowName: '',
      business: '',
      duties: DEFAULT_DUTIES,
      progressQuery: DEFAULT_PROGRESS,
    });
  }, [open, officers, form]);

  const download = async (kind: 'cards' | 'board', path: string, name: string) => {
    setBusy(kind);
    try {
      await api.download(path, name);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const selectProps = {
    mode: 'multiple' as const,
    showSearch: { filterOption: false, onSearch: setSearch },
    options: choices.options,
    loading: choices.loading,
    placeholder: '输入姓名或执法证号查找',
    notFoundContent: choices.loading ? '正在查找…' : '未找到人员',
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      width={720}
      title={
        <span>
          <QrcodeOutlined /> 打印证件二维码 / 岗位信息公示牌
        </span>
      }
      destroyOnHidden
    >
      <Tabs
        items={[
          {
            key: 'qr',
            label: '执法证件核验二维码',
            children: (
              <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                {single ? (
                  <QrPreview officer={single} admin={admin} />
                ) : (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    选择人员，打印每人一张核验二维码卡片（身份证大小，每张 A4 十张），沿虚线剪下与执法证件一同佩戴。
                  </Typography.Paragraph>
                )}
                <div>
                  <label htmlFor="card-officers" style={{ display: 'block', marginBottom: 4 }}>
                    打印卡片的人员
                  </label>
                  <Select
                    id="card-officers"
                    {...selectProps}
                    value={cardIds}
                    onChange={(ids: number[]) => setCardIds(ids)}
                    style={{ width: '100%' }}
                  />
                </div>
                <Button
                  type="primary"
                  icon={<FilePdfOutlined />}
                  disabled={cardIds.length === 0}
                  loading={busy === 'cards'}
                  onClick={() =>
                    download(
                      'cards',
                      `/api/officers/credential-cards.pdf?officerIds=${cardIds.join(',')}`,
                      '执法证件核验二维码.pdf',
                    )
                  }
                >
                  生成二维码卡片（PDF）
                </Button>
              </Space>
            ),
          },
          {
            key: 'board',
            label: '岗位信息公示牌',
            children: (
              <Form<BoardForm>
                form={form}
                layout="vertical"
                onFinish={(v) => {
                  const q = new URLSearchParams({
                    officerIds: v.officerIds.join(','),
                    windowName: v.windowName.trim(),
                    business: (v.business ?? '').trim(),
                    duties: (v.duties ?? '').trim(),
                    progressQuery: (v.progressQuery ?? '').trim(),
                  });
                  void download(
                    'board',
                    `/api/officers/post-board.pdf?${q}`,
                    `岗位信息公示牌-${v.windowName.trim()}.pdf`,
                  );
                }}
              >
                <Typography.Paragraph type="secondary">
                  政务服务窗口的岗位信息公示牌（A4
                  横版）：窗口名称、办理业务、岗位职责、工作人员身份与核验二维码、办理进度查询、咨询电话和投诉举报电话（取自执法主体信息）。
                </Typography.Paragraph>
                <Form.Item
                  name="windowName"
                  label="窗口名称"
                  rules={[{ required: true, whitespace: true, message: '请填写窗口名称' }, { max: 30 }]}
                >
                  <Input placeholder="如：3号窗口 安全生产行政许可" maxLength={30} />
                </Form.Item>
                <Form.Item
                  name="officerIds"
                  label="窗口工作人员（1—4 人，须属同一执法主体）"
                  rules={[
                    { required: true, message: '请选择工作人员' },
                    {
                      validator: (_, ids: number[] | undefined) =>
                        (ids?.length ?? 0) > 4 ? Promise.reject(new Error('一块公示牌最多 4 人')) : Promise.resolve(),
                    },
                  ]}
                >
                  <Select {...selectProps} />
                </Form.Item>
                <Form.Item name="business" label="办理业务" rules={[{ max: 120 }]}>
                  <Input placeholder="如：危险化学品经营许可证核发、变更、延续" maxLength={120} />
                </Form.Item>
                <Form.Item name="duties" label="岗位职责" rules={[{ max: 200 }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} />
                </Form.Item>
                <Form.Item name="progressQuery" label="办理进度查询方式" rules={[{ max: 80 }]}>
                  <Input maxLength={80} />
                </Form.Item>
                <Button type="primary" htmlType="submit" icon={<FilePdfOutlined />} loading={busy === 'board'}>
                  生成公示牌（PDF）
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </Modal>
  );
}
