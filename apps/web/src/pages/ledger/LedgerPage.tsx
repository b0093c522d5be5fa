import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Result, Row, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import type { LedgerCheckpoint, LedgerKeys } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { shanghaiTime } from '../../components/shanghaiTime';
import type { CheckpointCheck } from './verifyEntry';

const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

// Kept as strings: Chinese text has no spaces to wrap at, and a JSX line break would insert one.
const HOW_IT_WORKS =
  '每一次新增、修改和调阅都按顺序写成一条记录，记录组成 RFC 6962 Merkle 树。平台定期用账本密钥（SM2）对树的大小和根哈希签名，' +
  '形成“检查点”，再由见证方（司法行政机关）核对新树是旧树的延续后联署。已签名的记录事后无论被改动、删除、调换还是整库回滚，都会被发现。';
const WHAT_VERIFY_CHECKS =
  '它逐条重算每条记录的摘要与序号、整棵 Merkle 树、每个检查点的两个签名与根哈希，并与见证方保存的联署状态比对，发现问题时指出第一处。';
const OPEN_FORMATS =
  '检查点采用公开的 C2SP signed-note / tlog-checkpoint 文本格式，签名为 SM2（SM3 摘要，GM/T 0009 默认用户标识），' +
  '也可用 OpenSSL、GmSSL 等通用工具独立核验。';

const HASH_NAMES: Record<string, string> = { sm3: 'SM3（GB/T 32905）', sha256: 'SHA-256' };

/** A long key or hash: monospace, wrapping anywhere, with a copy button. */
function Copyable({ text, label }: { text: string; label: string }) {
  return (
    <Typography.Paragraph
      copyable={{ text, tooltips: [`复制${label}`, '已复制'] }}
      style={{ fontFamily: MONO, fontSize: 13, wordBreak: 'break-all', marginBottom: 0 }}
    >
      {text}
    </Typography.Paragraph>
  );
}

function CheckpointCard({ keys }: { keys: LedgerKeys | undefined }) {
  const { message } = App.useApp();
  const [checkpoint, setCheckpoint] = useState<LedgerCheckpoint | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [check, setCheck] = useState<CheckpointCheck | 'busy' | null>(null);

  const load = useCallback(async () => {
    setError(null);
    setCheck(null);
    try {
      setCheckpoint(await api.get<LedgerCheckpoint>('/api/ledger/checkpoint'));
    } catch (err) {
      // 404: nothing signed yet (a brand-new deployment).
      if (err instanceof ApiError && err.status === 404) setCheckpoint(null);
      else setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const issue = async () => {
    setIssuing(true);
    try {
      const cp = await api.post<{ size?: number; witnessed?: boolean }>('/api/ledger/checkpoints');
      const witnessed = cp.witnessed ? '，见证方已联署' : '，见证方尚未联署';
      // The server signs only when entries were appended since the last checkpoint.
      if (checkpoint && cp.size === checkpoint.size) {
        message.info(`自上次签发以来没有新记录，最新检查点仍为树大小 ${cp.size}${witnessed}`);
      } else {
        message.success(`已签发检查点（树大小 ${cp.size ?? '—'}）${witnessed}`);
      }
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setIssuing(false);
    }
  };

  const verify = async (note: string) => {
    if (!keys) return;
    setCheck('busy');
    const { verifyCheckpointNote } = await import('./verifyEntry');
    setCheck(verifyCheckpointNote(keys, note));
  };

  return (
    <Card
      title="最新检查点"
      style={{ height: '100%' }}
      extra={
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={issuing} onClick={() => void issue()}>
          立即签发检查点
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {checkpoint === undefined && !error && <Spin />}
      {checkpoint === null && <Empty description="尚未签发检查点" />}
      {checkpoint && (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'size', label: '树大小', children: `${checkpoint.size} 条记录` },
              {
                key: 'root',
                label: '根哈希',
                children: <Copyable text={checkpoint.rootHash} label="根哈希" />,
              },
              { key: 'time', label: '签发时间', children: shanghaiTime(checkpoint.createdAt) },
              {
                key: 'witness',
                label: '见证',
                children: checkpoint.witnessed ? (
                  <Tag color="green">已经见证方联署</Tag>
                ) : (
                  <Tag color="orange">见证方尚未联署</Tag>
                ),
              },
            ]}
          />
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '16px 0 8px' }}>
            <strong>签名笔记（C2SP signed note）</strong>
            <span style={{ flex: 1 }} />
            <Button
              size="small"
              icon={<SafetyCertificateOutlined />}
              loading={check === 'busy'}
              disabled={!keys}
              onClick={() => void verify(checkpoint.note)}
            >
              在浏览器中核验签名
            </Button>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void load()}>
              刷新
            </Button>
          </div>
          <pre
            style={{
              fontFamily: MONO,
              fontSize: 12,
              background: '#f6f8fa',
              border: '1px solid #e5e7eb',
              borderRadius: 6,
              padding: 12,
              margin: 0,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
            }}
          >
            {checkpoint.note}
          </pre>
          {check && check !== 'busy' && (
            <Alert
              style={{ marginTop: 8 }}
              showIcon
              type={!check.ok ? 'error' : check.witnessed ? 'success' : 'warning'}
              title={
                check.ok
                  ? `签名有效：账本（${check.logName}）${check.witnessed ? `，见证方（${check.witnessName}）已联署` : '；见证方未联署'}`
                  : check.reason
              }
            />
          )}
        </>
      )}
    </Card>
  );
}

/** 留痕与验证 (administrators): the ledger's identity and keys, its latest checkpoint, and how to check it. */
export default function LedgerPage() {
  const me = useMe();
  const admin = hasRole(me.roles, 'admin');
  const keys = useFetch<LedgerKeys>(admin ? '/api/ledger/keys' : null);

  if (!admin) return <Result status="403" title="无权访问" subTitle="留痕与验证仅限系统管理员" />;

  return (
    <>
      <PageHeading title="留痕与验证" sub="全过程记录的防篡改账本：公钥、检查点与外部核验方法" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="账本与公钥" style={{ height: '100%' }}>
            {keys.error && <Alert type="error" showIcon title={keys.error} />}
            {keys.loading && !keys.data && <Spin />}
            {keys.data && (
              <Descriptions
                bordered
                size="small"
                column={1}
                styles={{ label: { width: 150 } }}
                items={[
                  {
                    key: 'origin',
                    label: '账本来源（origin）',
                    children: <Copyable text={keys.data.origin} label="来源" />,
                  },
                  { key: 'hash', label: '哈希算法', children: HASH_NAMES[keys.data.hashAlg] ?? keys.data.hashAlg },
                  { key: 'log', label: '账本公钥', children: <Copyable text={keys.data.log} label="账本公钥" /> },
                  {
                    key: 'witness',
                    label: '见证方公钥（司法行政机关联署）',
                    children: <Copyable text={keys.data.witness} label="见证方公钥" />,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <CheckpointCard keys={keys.data} />
        </Col>
      </Row>
      <Card title="外部如何核验" style={{ marginTop: 16 }}>
        <div style={{ color: '#374151', lineHeight: 1.8 }}>
          <p style={{ marginTop: 0 }}>{HOW_IT_WORKS}</p>
          <ol style={{ paddingInlineStart: 20, marginBottom: 0 }}>
            <li>
              通过正式渠道（如见证方的公文）取得上面的<strong>账本公钥</strong>和<strong>见证方公钥</strong>
              并逐字核对，不要只相信本页面显示的内容。
            </li>
            <li>
              在服务器的项目目录执行 <code>npm run verify</code>（内嵌数据库须先停止服务）；用自己取得的公钥核验：
              <pre
                style={{
                  fontFamily: MONO,
                  fontSize: 12,
                  background: '#f6f8fa',
                  padding: '6px 10px',
                  borderRadius: 6,
                  margin: '4px 0',
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-all',
                }}
              >
                {"npm run verify -- --log-key '<账本公钥>' --witness-key '<见证方公钥>'"}
              </pre>
              {WHAT_VERIFY_CHECKS}
            </li>
            <li>
              单条记录：在执法人员或执法主体详情页的「全过程记录」中点「验证」，浏览器用这两个公钥核对检查点签名和该记录的包含证明，不依赖服务器的说法。
            </li>
            <li>{OPEN_FORMATS}</li>
          </ol>
        </div>
      </Card>
    </>
  );
}
