import { FileOutlined, LockOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Image, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import { useFetch } from '../api/useFetch';
import { useCompact } from '../layout/useCompact';
import { CONFIDENTIALITY_LABELS, FILE_KIND_LABELS, formatSize, type StepOption } from './CaseFileUploader';
import { shanghaiTime } from './shanghaiTime';

/** One file of GET /api/cases/:caseId/files. */
export interface CaseFile {
  id: number;
  caseId: number;
  kind: 'evidence' | 'av';
  step: string | null;
  name: string;
  mimeType: string;
  size: number;
  sm3: string;
  sha256: string;
  confidentiality: 'public' | 'internal' | 'confidential';
  device: string;
  capturedAt: string | null;
  capturedByOfficerId: number | null;
  capturedByName: string | null;
  place: string;
  uploadedBy: number | null;
  uploaderName: string | null;
  createdAt: string;
  ledgerSeq: number | null;
}

const contentUrl = (f: CaseFile, access?: number, download = false) => {
  const q = new URLSearchParams();
  if (access !== undefined) q.set('access', String(access));
  if (download) q.set('download', '1');
  const s = q.toString();
  return `/api/cases/${f.caseId}/files/${f.id}/content${s ? `?${s}` : ''}`;
};

const isImage = (f: CaseFile) => /^image\/(png|jpeg|gif|webp|bmp|avif)$/.test(f.mimeType);
const isVideo = (f: CaseFile) => /^video\/(mp4|webm|ogg|quicktime)$/.test(f.mimeType);
const isAudio = (f: CaseFile) => f.mimeType.startsWith('audio/');

/** What the viewer shows: the file with its URL (a confidential one's URL carries the recorded access). */
interface Viewing {
  file: CaseFile;
  access?: number;
}

/** The file itself: a picture, a video or recording that plays (and seeks) in the browser, or a link. */
function Preview({ file, access }: Viewing) {
  const src = contentUrl(file, access);
  if (isImage(file)) return <Image src={src} alt={file.name} style={{ maxWidth: '100%', maxHeight: '70vh' }} />;
  if (isVideo(file)) {
    // biome-ignore lint/a11y/useMediaCaption: evidence recordings have no caption track
    return <video controls preload="metadata" src={src} style={{ width: '100%', maxHeight: '70vh' }} />;
  }
  if (isAudio(file)) {
    // biome-ignore lint/a11y/useMediaCaption: evidence recordings have no caption track
    return <audio controls preload="metadata" src={src} style={{ width: '100%' }} />;
  }
  return (
    <Space orientation="vertical">
      <Typography.Text type="secondary">该类型的文件不能在浏览器中直接预览。</Typography.Text>
      <Space>
        <Button href={src} target="_blank" rel="noopener">
          在新窗口打开
        </Button>
        <Button href={contentUrl(file, access, true)}>下载</Button>
      </Space>
    </Space>
  );
}

/**
 * 证据材料与音像记录 of a case: name, kind, size, SM3 (short; full digests in the row's details),
 * uploader and time. Photos show as thumbnails; videos and recordings play in the browser. A
 * confidential file first asks for the reason (调阅事由): the access is written to the access log
 * (S-5) and only then is the file shown, for 30 minutes.
 */
export function CaseFileList({ caseId, steps }: { caseId: number; steps?: StepOption[]; onUploaded?: () => void }) {
  const compact = useCompact();
  const files = useFetch<CaseFile[]>(`/api/cases/${caseId}/files`);
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [asking, setAsking] = useState<CaseFile | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [accessError, setAccessError] = useState<string | null>(null);
  const stepLabel = (step: string | null) => (step ? (steps?.find((s) => s.value === step)?.label ?? step) : '');

  const open = (f: CaseFile) => {
    if (f.confidentiality !== 'confidential') return setViewing({ file: f });
    reasonForm.resetFields();
    setAccessError(null);
    setAsking(f);
  };

  const recordAccess = async () => {
    if (!asking) return;
    const { reason } = await reasonForm.validateFields();
    setSubmitting(true);
    setAccessError(null);
    try {
      const { access } = await api.post<{ access: number; expiresAt: string }>(
        `/api/cases/${asking.caseId}/files/${asking.id}/access`,
        { reason },
      );
      setViewing({ file: asking, access });
      setAsking(null);
    } catch (err) {
      setAccessError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {files.error && <Alert type="error" showIcon title={files.error} style={{ marginBottom: 12 }} />}
      <Table<CaseFile>
        rowKey="id"
        size={compact ? 'small' : 'middle'}
        loading={files.loading}
        dataSource={files.data ?? []}
        scroll={{ x: 960 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '本案尚无证据材料或音像记录' }}
        expandable={{
          expandedRowRender: (f) => (
            <Descriptions size="small" column={compact ? 1 : 2} bordered>
              <Descriptions.Item label="SM3" span={2}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {f.sm3}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="SHA-256" span={2}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {f.sha256}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="采集设备">{f.device || '—'}</Descriptions.Item>
              <Descriptions.Item label="采集人员">{f.capturedByName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="采集时间">{f.capturedAt ? shanghaiTime(f.capturedAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label="采集地点">{f.place || '—'}</Descriptions.Item>
              <Descriptions.Item label="文件类型">{f.mimeType}</Descriptions.Item>
              <Descriptions.Item label="留痕记录">
                {f.ledgerSeq !== null ? `第 ${f.ledgerSeq} 号（file.upload）` : '—'}
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
        columns={[
          {
            title: '文件',
            key: 'name',
            render: (_: unknown, f) => (
              <Space>
                {f.confidentiality === 'confidential' ? (
                  <Tooltip title="保密材料：查看须登记调阅事由">
                    <LockOutlined style={{ fontSize: 20, color: '#b45309' }} />
                  </Tooltip>
                ) : isImage(f) ? (
                  <Image
                    src={contentUrl(f)}
                    alt={f.name}
                    width={48}
                    height={48}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                  />
                ) : isVideo(f) || isAudio(f) ? (
                  <PlayCircleOutlined style={{ fontSize: 20, color: '#1d4ed8' }} />
                ) : (
                  <FileOutlined style={{ fontSize: 20 }} />
                )}
                <Typography.Link onClick={() => open(f)} style={{ wordBreak: 'break-all' }}>
                  {f.name}
                </Typography.Link>
              </Space>
            ),
          },
          {
            title: '类别',
            key: 'kind',
            width: 150,
            render: (_: unknown, f) => (
              <Space size={4} wrap>
                <Tag color={f.kind === 'av' ? 'purple' : 'geekblue'}>{FILE_KIND_LABELS[f.kind] ?? f.kind}</Tag>
                {f.confidentiality !== 'internal' && (
                  <Tag color={f.confidentiality === 'confidential' ? 'orange' : 'green'}>
                    {CONFIDENTIALITY_LABELS[f.confidentiality].slice(0, 2)}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: '环节', key: 'step', width: 120, render: (_: unknown, f) => stepLabel(f.step) || '—' },
          {
            title: '大小',
            key: 'size',
            width: 100,
            align: 'right',
            render: (_: unknown, f) => formatSize(f.size),
          },
          {
            title: 'SM3',
            key: 'sm3',
            width: 130,
            render: (_: unknown, f) => (
              <Tooltip title={f.sm3}>
                <Typography.Text code>{f.sm3.slice(0, 12)}…</Typography.Text>
              </Tooltip>
            ),
          },
          { title: '上传人', key: 'uploader', width: 100, render: (_: unknown, f) => f.uploaderName ?? '—' },
          {
            title: '上传时间',
            key: 'createdAt',
            width: 170,
            render: (_: unknown, f) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(f.createdAt)}</span>,
          },
        ]}
      />
      <Modal
        open={asking !== null}
        title="调阅保密材料"
        okText="登记并查看"
        cancelText="取消"
        confirmLoading={submitting}
        onOk={() => void recordAccess().catch(() => undefined)}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          「{asking?.name}」为保密材料。查看前须填写调阅事由，调阅人、时间和事由将记入调阅记录（S-5），登记后 30
          分钟内可查看。
        </Typography.Paragraph>
        {accessError && <Alert type="error" showIcon title={accessError} style={{ marginBottom: 12 }} />}
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label="调阅事由"
            rules={[
              { required: true, whitespace: true, message: '请填写调阅事由' },
              { min: 2, message: '请填写调阅事由' },
              { max: 200, message: '调阅事由不能超过 200 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} placeholder="如：案件审查需核实举报人身份" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={viewing !== null}
        title={viewing?.file.name}
        footer={
          viewing && (
            <Button href={contentUrl(viewing.file, viewing.access, true)} type="primary">
              下载
            </Button>
          )
        }
        onCancel={() => setViewing(null)}
        width={compact ? '100%' : 900}
        destroyOnHidden
      >
        {viewing && <Preview file={viewing.file} access={viewing.access} />}
      </Modal>
    </>
  );
}
