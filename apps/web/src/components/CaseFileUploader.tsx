import { InboxOutlined } from '@ant-design/icons';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { Alert, Button, DatePicker, Form, Input, Progress, Radio, Select, Space, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { DetailedError, Upload as TusUpload } from 'tus-js-client';
import { api } from '../api/client';
import type { Session } from '../api/types';
import { useMe } from '../auth/SessionContext';

export interface StepOption {
  value: string;
  label: string;
}

export const FILE_KIND_LABELS: Record<'evidence' | 'av', string> = { evidence: '证据材料', av: '音像记录' };
export const CONFIDENTIALITY_LABELS: Record<'public' | 'internal' | 'confidential', string> = {
  public: '公开',
  internal: '内部',
  confidential: '保密（调阅须登记事由）',
};

interface CaptureValues {
  kind: 'evidence' | 'av';
  step?: string;
  confidentiality: 'public' | 'internal' | 'confidential';
  device?: string;
  capturedAt?: Dayjs;
  place?: string;
}

type Status = 'hashing' | 'uploading' | 'paused' | 'done' | 'failed';

interface Item {
  key: string;
  name: string;
  size: number;
  status: Status;
  /** 0–100: of the digest while hashing, of the bytes while uploading. */
  percent: number;
  /** Continues an upload begun earlier (this page or before a reload). */
  resumed: boolean;
  message?: string;
}

/** Files up to this size are hashed by the browser's native digest (whole file in memory); larger ones in slices. */
const NATIVE_DIGEST_MAX = 256 * 1024 * 1024;
const SLICE = 8 * 1024 * 1024;
/** One PATCH per 64 MiB: a proxy's body limit is not hit, and a retry resends at most that much. */
const CHUNK_SIZE = 64 * 1024 * 1024;

/**
 * SHA-256 of a file, declared to the server before the upload (which refuses the file if what
 * arrives differs). crypto.subtle is fast but needs the whole file in memory and a secure context
 * (HTTPS or localhost); above NATIVE_DIGEST_MAX, or on plain HTTP, the file is read in 8 MiB slices
 * into an incremental SHA-256 (@noble/hashes), so memory stays flat even for a 4 GB video.
 */
async function fileSha256(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<string> {
  if (file.size <= NATIVE_DIGEST_MAX && globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    onProgress(1);
    return bytesToHex(new Uint8Array(digest));
  }
  const h = sha256.create();
  for (let at = 0; at < file.size; at += SLICE) {
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    h.update(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()));
    onProgress(Math.min(1, (at + SLICE) / file.size));
  }
  return bytesToHex(h.digest());
}

/** The server's Chinese message from a failed tus request (its body is the API's error JSON). */
function uploadErrorMessage(err: unknown): string {
  if (err instanceof DetailedError) {
    const res = err.originalResponse;
    if (res) {
      try {
        const body = JSON.parse(res.getBody()) as { message?: unknown };
        if (typeof body.message === 'string') return body.message;
      } catch {
        // Not JSON: fall through.
      }
      if (res.getStatus() === 401) return '登录已过期，请重新登录后再上传';
      if (res.getStatus() === 413) return '文件过大，超出服务器允许的上传大小';
      return `上传失败（HTTP ${res.getStatus()}）`;
    }
    return '网络中断，上传未完成；请检查网络后点“继续”，已上传的部分不会重传';
  }
  return err instanceof Error && err.message ? err.message : '上传失败';
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

const STATUS_TAGS: Record<Status, { color: string; text: string }> = {
  hashing: { color: 'processing', text: '计算摘要' },
  uploading: { color: 'processing', text: '上传中' },
  paused: { color: 'warning', text: '已暂停' },
  done: { color: 'success', text: '已完成' },
  failed: { color: 'error', text: '失败' },
};

/**
 * 上传证据材料与音像记录: pick files, fill in how they were captured, and each file is hashed
 * (SHA-256, checked by the server, which adds SM3) and sent over tus in resumable chunks with its
 * own progress bar. An interrupted upload resumes: tus-js-client remembers it in localStorage under
 * the user, the case and the file's digest, so re-selecting the same file — even after a reload —
 * continues from where it stopped (shown as 续传).
 */
export function CaseFileUploader({
  caseId,
  steps,
  onUploaded,
}: {
  caseId: number;
  steps?: StepOption[];
  onUploaded?: () => void;
}) {
  const me = useMe();
  const [form] = Form.useForm<CaptureValues>();
  const [items, setItems] = useState<Item[]>([]);
  const uploads = useRef(new Map<string, TusUpload>());
  const aborts = useRef(new Map<string, AbortController>());
  const onUploadedRef = useRef(onUploaded);
  onUploadedRef.current = onUploaded;
  const single = steps?.length === 1 ? steps[0] : undefined;

  useEffect(() => {
    const running = uploads.current;
    const hashing = aborts.current;
    // Leaving the page pauses (the upload stays resumable); it does not cancel.
    return () => {
      for (const u of running.values()) void u.abort();
      for (const a of hashing.values()) a.abort();
    };
  }, []);

  const update = (key: string, patch: Partial<Item>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  async function add(file: File) {
    let values: CaptureValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const key = `${file.name}-${file.size}-${file.lastModified}-${Math.random().toString(36).slice(2)}`;
    setItems((list) => [
      ...list,
      { key, name: file.name, size: file.size, status: 'hashing', percent: 0, resumed: false },
    ]);
    const abort = new AbortController();
    aborts.current.set(key, abort);
    try {
      const digest = await fileSha256(file, (f) => update(key, { percent: Math.round(f * 100) }), abort.signal);
      aborts.current.delete(key);
      const { csrfToken } = await api.get<Session>('/api/auth/me');
      const metadata: Record<string, string> = {
        caseId: String(caseId),
        kind: values.kind,
        name: file.name,
        mimeType: file.type || 'application/octet-stream',
        sha256: digest,
        confidentiality: values.confidentiality,
      };
      if (values.step) metadata.step = values.step;
      if (values.device?.trim()) metadata.device = values.device.trim();
      if (values.place?.trim()) metadata.place = values.place.trim();
      if (values.capturedAt) metadata.capturedAt = values.capturedAt.toISOString();
      if (me.officerId) metadata.capturedByOfficerId = String(me.officerId);
      const upload = new TusUpload(file, {
        endpoint: '/api/uploads',
        headers: { 'x-csrf-token': csrfToken },
        metadata,
        chunkSize: CHUNK_SIZE,
        retryDelays: [0, 1000, 3000, 5000, 10000],
        // The same file for the same case by the same user is the same upload, whatever its name on disk.
        fingerprint: async () => `sanxiang-upload:${me.id}:${caseId}:${digest}`,
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) => update(key, { status: 'uploading', percent: Math.floor((sent / total) * 100) }),
        onSuccess: () => {
          uploads.current.delete(key);
          update(key, { status: 'done', percent: 100, message: undefined });
          onUploadedRef.current?.();
        },
        onError: (err) => {
          update(key, { status: 'failed', message: uploadErrorMessage(err) });
        },
      });
      uploads.current.set(key, upload);
      const previous = await upload.findPreviousUploads();
      const last = previous[0];
      if (last) upload.resumeFromPreviousUpload(last);
      update(key, { status: 'uploading', percent: 0, resumed: Boolean(last) });
      upload.start();
    } catch (err) {
      aborts.current.delete(key);
      if ((err as Error).name === 'AbortError') return;
      update(key, { status: 'failed', message: uploadErrorMessage(err) });
    }
  }

  const pause = (key: string) => {
    void uploads.current.get(key)?.abort();
    update(key, { status: 'paused' });
  };
  const resume = (key: string) => {
    const u = uploads.current.get(key);
    if (!u) return;
    update(key, { status: 'uploading', resumed: true, message: undefined });
    u.start();
  };
  const cancel = (key: string) => {
    aborts.current.get(key)?.abort();
    // Cancelling deletes what the server staged (tus termination) and forgets the resume point.
    void uploads.current
      .get(key)
      ?.abort(true)
      .catch(() => undefined);
    uploads.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  };

  return (
    <div>
      <Form<CaptureValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: single ? 'av' : 'evidence', step: single?.value, confidentiality: 'internal' }}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 }}
      >
        <Form.Item name="kind" label="材料类别" rules={[{ required: true, message: '请选择材料类别' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'evidence', label: FILE_KIND_LABELS.evidence },
              { value: 'av', label: FILE_KIND_LABELS.av },
            ]}
          />
        </Form.Item>
        {steps && steps.length > 0 && (
          <Form.Item name="step" label="所属环节">
            <Select allowClear placeholder="不属于特定环节" options={steps} />
          </Form.Item>
        )}
        <Form.Item name="confidentiality" label="密级" rules={[{ required: true, message: '请选择密级' }]}>
          <Select
            options={(['public', 'internal', 'confidential'] as const).map((v) => ({
              value: v,
              label: CONFIDENTIALITY_LABELS[v],
            }))}
          />
        </Form.Item>
        <Form.Item name="device" label="采集设备" rules={[{ max: 200, message: '采集设备不能超过 200 个字' }]}>
          <Input placeholder="如：执法记录仪 DSJ-V9 #0231" />
        </Form.Item>
        <Form.Item name="capturedAt" label="采集时间">
          <DatePicker showTime style={{ width: '100%' }} placeholder="拍摄或录制的时间" />
        </Form.Item>
        <Form.Item name="place" label="采集地点" rules={[{ max: 200, message: '采集地点不能超过 200 个字' }]}>
          <Input placeholder="如：某某公司生产车间" />
        </Form.Item>
      </Form>
      <Upload.Dragger
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          void add(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入文件：现场照片、执法记录仪视频、询问录音、材料扫描件</p>
        <p className="ant-upload-hint">
          上传前先计算文件的 SHA-256，服务器核对一致后再计算 SM3 并记入全过程记录；网络中断后重新选择同一文件即可续传
        </p>
      </Upload.Dragger>
      {items.length > 0 && (
        <div style={{ marginTop: 12, display: 'grid', gap: 8 }}>
          {items.map((i) => (
            <div key={i.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' }}>
              <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                <Space wrap size={4}>
                  <Typography.Text strong ellipsis style={{ maxWidth: 320 }} title={i.name}>
                    {i.name}
                  </Typography.Text>
                  <Typography.Text type="secondary">{formatSize(i.size)}</Typography.Text>
                  <Tag color={STATUS_TAGS[i.status].color}>{STATUS_TAGS[i.status].text}</Tag>
                  {i.resumed && i.status !== 'done' && <Tag color="blue">续传</Tag>}
                </Space>
                <Space size={4}>
                  {i.status === 'uploading' && (
                    <Button size="small" onClick={() => pause(i.key)}>
                      暂停
                    </Button>
                  )}
                  {(i.status === 'paused' || (i.status === 'failed' && uploads.current.has(i.key))) && (
                    <Button size="small" type="primary" onClick={() => resume(i.key)}>
                      继续
                    </Button>
                  )}
                  {i.status !== 'done' && (
                    <Button size="small" danger onClick={() => cancel(i.key)}>
                      取消
                    </Button>
                  )}
                </Space>
              </Space>
              <Progress
                percent={i.percent}
                size="small"
                status={i.status === 'failed' ? 'exception' : i.status === 'done' ? 'success' : 'active'}
                format={(p) => (i.status === 'hashing' ? `摘要 ${p}%` : `${p}%`)}
              />
              {i.message && <Alert type="error" showIcon title={i.message} style={{ marginTop: 4 }} />}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
