import { EditOutlined } from '@ant-design/icons';
import {
  DEFAULT_REVIEW_DAYS,
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosurePeriods,
  formatYuan,
  MAX_DISCLOSURE_YEARS,
  shanghaiDate,
} from '@sanxiang/domain';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useState } from 'react';
import type { InstrumentSettings } from '../../api/caseTypes';
import { api, errorMessage } from '../../api/client';
import { useFetch } from '../../api/useFetch';
import { showOnField } from '../../components/formRules';
import { toFen, toYuan, YuanInput } from '../../components/YuanInput';
import { useCompact } from '../../layout/useCompact';

/** The number a pattern gives, e.g. 示应急罚〔2026〕12号 (the server's formatInstrumentNumber, for the example). */
function sampleNumber(pattern: string, abbr: string): string {
  return pattern
    .replaceAll('{abbr}', abbr)
    .replaceAll('{word}', '罚')
    .replaceAll('{year}', shanghaiDate().slice(0, 4))
    .replaceAll('{seq}', '12');
}

interface Values {
  abbreviation: string;
  numberPattern: string;
  reconsiderationBody: string;
  court: string;
  personYuan: number;
  organizationYuan: number;
  reviewDays: number;
  publicYears: DisclosurePeriods;
}

const PARTIES = [
  ['person', '自然人'],
  ['organization', '法人或其他组织'],
] as const;

/** G-3a as read: 行政处罚 自然人 2 年、单位 5 年；… */
const periodsText = (p: DisclosurePeriods) =>
  DISCLOSURE_CATEGORIES.map(
    (c) => `${DISCLOSURE_CATEGORY_LABELS[c]}：自然人 ${p[c].person} 年，法人或其他组织 ${p[c].organization} 年`,
  ).join('；');

const FIELDS = ['abbreviation', 'numberPattern', 'reconsiderationBody', 'court', 'reviewDays'];

function SettingsModal({
  agencyId,
  settings,
  onClose,
  onSaved,
}: {
  agencyId: number;
  settings: InstrumentSettings;
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const compact = useCompact();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pattern = Form.useWatch('numberPattern', form) ?? settings.numberPattern;
  const abbr = Form.useWatch('abbreviation', form) ?? settings.abbreviation;

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/agencies/${agencyId}/instrument-settings`, {
        abbreviation: v.abbreviation.trim(),
        numberPattern: v.numberPattern.trim(),
        reconsiderationBody: v.reconsiderationBody.trim(),
        court: v.court.trim(),
        hearingThresholdPersonFen: toFen(v.personYuan),
        hearingThresholdOrganizationFen: toFen(v.organizationYuan),
        reviewDays: v.reviewDays,
        publicYears: v.publicYears,
      });
      message.success('文书设置已保存，此后签发的文书按新设置编号');
      onSaved();
    } catch (err) {
      if (!showOnField(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="修改文书设置"
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={compact ? '100%' : 720}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          ...settings,
          personYuan: toYuan(settings.hearingThresholdPersonFen),
          organizationYuan: toYuan(settings.hearingThresholdOrganizationFen),
          reviewDays: settings.reviewDays,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="abbreviation"
              label="机关代字"
              rules={[{ required: true, whitespace: true, message: '请填写机关代字' }]}
            >
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="numberPattern"
              label="文书号格式"
              extra={`{abbr} 机关代字，{word} 文书种类字（如“罚”“告”），{year} 年份，{seq} 序号。示例：${sampleNumber(pattern, abbr)}`}
              rules={[
                { required: true, whitespace: true, message: '请填写文书号格式' },
                {
                  validator: async (_, v: string | undefined) => {
                    if (v && !(v.includes('{year}') && v.includes('{seq}'))) {
                      throw new Error('文书号格式须包含 {year} 和 {seq}');
                    }
                  },
                },
              ]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="reconsiderationBody"
              label="行政复议机关"
              rules={[{ required: true, whitespace: true, min: 2, message: '请填写行政复议机关' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="court"
              label="管辖法院"
              rules={[{ required: true, whitespace: true, min: 2, message: '请填写管辖法院' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="personYuan"
              label="听证“较大数额”：自然人"
              rules={[{ required: true, message: '请填写金额' }]}
            >
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="organizationYuan"
              label="听证“较大数额”：法人或其他组织"
              rules={[{ required: true, message: '请填写金额' }]}
            >
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="reviewDays"
              label="法制审核期限（工作日）"
              extra="自送审之日起计算的工作日数（1–30，默认 5），用于新的送审；已送审的期限不变"
              rules={[
                { required: true, message: '请填写法制审核期限' },
                { type: 'integer', min: 1, max: 30, message: '法制审核期限为 1 至 30 个工作日' },
              ]}
            >
              <InputNumber min={1} max={30} precision={0} suffix="个工作日" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <h4 style={{ margin: '4px 0 8px' }}>决定信息公示期限（G-3a）</h4>
        <p style={{ color: '#6b7280', fontSize: 12, marginTop: 0 }}>
          自公开之日起在门户网站公示的年数（1–{MAX_DISCLOSURE_YEARS}
          ），期满后从公开列表撤下并存档，不删除；用于此后公开的决定。
        </p>
        <Row gutter={16}>
          {DISCLOSURE_CATEGORIES.flatMap((c) =>
            PARTIES.map(([party, label]) => (
              <Col xs={12} md={6} key={`${c}.${party}`}>
                <Form.Item
                  name={['publicYears', c, party]}
                  label={`${DISCLOSURE_CATEGORY_LABELS[c]}·${label}`}
                  rules={[
                    { required: true, message: '请填写年数' },
                    { type: 'integer', min: 1, max: MAX_DISCLOSURE_YEARS, message: `1 至 ${MAX_DISCLOSURE_YEARS} 年` },
                  ]}
                >
                  <InputNumber min={1} max={MAX_DISCLOSURE_YEARS} precision={0} suffix="年" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )),
          )}
        </Row>
      </Form>
    </Modal>
  );
}

/**
 * 文书设置 of an enforcement agency: how its instruments are numbered and which relief bodies they name, and the
 * 较大数额 above which a penalty carries hearing rights (P-63). Staff read it; the administrator changes it.
 */
export function InstrumentSettingsCard({ agencyId, canEdit }: { agencyId: number; canEdit: boolean }) {
  const { data, error, loading, reload } = useFetch<InstrumentSettings>(
    `/api/agencies/${agencyId}/instrument-settings`,
  );
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title="文书设置"
      style={{ marginTop: 16 }}
      loading={loading && !data}
      extra={
        canEdit &&
        data && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            修改
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={[
            { key: 'abbr', label: '机关代字', children: data.abbreviation },
            {
              key: 'pattern',
              label: '文书号格式',
              children: (
                <span>
                  <code>{data.numberPattern}</code>（如 {sampleNumber(data.numberPattern, data.abbreviation)}）
                </span>
              ),
            },
            { key: 'recon', label: '行政复议机关', children: data.reconsiderationBody },
            { key: 'court', label: '管辖法院', children: data.court },
            {
              key: 'hearing',
              label: '听证“较大数额”',
              span: 2,
              children: `自然人 ${formatYuan(data.hearingThresholdPersonFen)}，法人或其他组织 ${formatYuan(
                data.hearingThresholdOrganizationFen,
              )}`,
            },
            {
              key: 'reviewDays',
              label: '法制审核期限',
              children: `${data.reviewDays} 个工作日`,
            },
            {
              key: 'publicYears',
              label: '决定信息公示期限',
              span: 3,
              children: periodsText(data.publicYears),
            },
          ]}
        />
      )}
      <p style={{ color: '#6b7280', fontSize: 12, marginBottom: 0, marginTop: 8 }}>
        未修改时按默认：机关代字取自单位名称，复议机关和法院为本县人民政府、人民法院；听证较大数额按《安全生产违法行为行政处罚办法》（2015）自然人一万元、单位三万元（P-63）；法制审核期限为自送审之日起{' '}
        {DEFAULT_REVIEW_DAYS} 个工作日；决定信息公示期限自然人 2 年、法人或其他组织 5 年（G-3a）。
      </p>
      {editing && data && (
        <SettingsModal
          agencyId={agencyId}
          settings={data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
    </Card>
  );
}
