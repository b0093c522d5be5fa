import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  type CaseSource,
  FIELD_LABELS,
  FIELDS,
  type Field,
  PARTY_TYPE_LABELS,
  PARTY_TYPES,
  type PartyType,
  PROCEDURE_LABELS,
  PROCEDURES,
  type ProcedureId,
  shanghaiDate,
} from '@sanxiang/domain';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Result, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import type { Agency } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { phoneRule, required, residentIdRule, showOnField, usccRule } from '../../components/formRules';
import { PageHeading } from '../../components/PageHeading';
import { PROCEDURE_HELP } from './caseText';
import { useCaseOfficerOptions } from './useCaseOfficerOptions';

interface Values {
  procedure: ProcedureId;
  field: Field;
  title: string;
  source: CaseSource;
  place?: string;
  leadOn: Dayjs;
  violationOn?: Dayjs;
  violationContinuing: boolean;
  harmsSafety: boolean;
  facts?: string;
  party: {
    type: PartyType;
    name: string;
    idNumber?: string;
    address?: string;
    phone?: string;
    legalRepresentative?: string;
  };
  leadOfficerId: number;
  assistantIds?: number[];
}

const FORM_FIELDS = ['title', 'place', 'leadOn', 'violationOn', 'facts', 'name', 'idNumber', 'address', 'phone'];

/** 登记案件 (线索登记): the case, its party and its officers, 主办 first. */
export default function CaseCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const agency = useFetch<Agency>(`/api/agencies/${me.agency.id}`);
  const officers = useCaseOfficerOptions(me.agency.id);
  const procedure = Form.useWatch('procedure', form) as ProcedureId | undefined;
  const partyType = Form.useWatch(['party', 'type'], form) as PartyType | undefined;
  const leadOfficerId = Form.useWatch('leadOfficerId', form) as number | undefined;
  const person = partyType === 'person';

  useEffect(() => {
    if (agency.data) form.setFieldValue('field', agency.data.field);
  }, [agency.data, form]);
  useEffect(() => {
    if (me.officerId) form.setFieldValue('leadOfficerId', me.officerId);
  }, [me.officerId, form]);

  if (!hasRole(me.roles, 'officer', 'head') || me.agency.role !== 'agency') {
    return <Result status="403" title="只有执法主体的执法人员或负责人可以登记案件" />;
  }

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<{ id: number; caseNo: string }>('/api/cases', {
        procedure: v.procedure,
        field: v.field,
        title: v.title.trim(),
        source: v.source,
        place: v.place?.trim() ?? '',
        leadOn: v.leadOn.format('YYYY-MM-DD'),
        violationOn: v.violationOn ? v.violationOn.format('YYYY-MM-DD') : null,
        violationContinuing: v.violationContinuing,
        harmsSafety: v.harmsSafety,
        facts: v.facts?.trim() ?? '',
        party: {
          type: v.party.type,
          name: v.party.name.trim(),
          idNumber: v.party.idNumber?.trim().toUpperCase() ?? '',
          address: v.party.address?.trim() ?? '',
          phone: v.party.phone?.trim() ?? '',
          legalRepresentative: v.party.type === 'organization' ? (v.party.legalRepresentative?.trim() ?? '') : '',
        },
        officerIds: [v.leadOfficerId, ...(v.assistantIds ?? []).filter((id) => id !== v.leadOfficerId)],
      });
      message.success(`案件已登记，案号 ${created.caseNo}`);
      navigate(`/cases/${created.id}`, { replace: true });
    } catch (err) {
      if (!showOnField(form, err, FORM_FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const today = shanghaiDate();
  const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > today;

  return (
    <>
      <PageHeading
        title="登记案件"
        sub={`${me.agency.name} · 线索登记后按所选程序办理`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            返回
          </Button>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          procedure: 'penalty.general',
          source: 'inspection',
          leadOn: dayjs(today),
          violationContinuing: false,
          harmsSafety: false,
          party: { type: 'organization' },
        }}
        scrollToFirstError
      >
        <Card title="案件信息">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="procedure"
                label="办案程序"
                rules={[required('请选择办案程序')]}
                extra={procedure ? PROCEDURE_HELP[procedure] : undefined}
              >
                <Select options={PROCEDURES.map((p) => ({ value: p, label: PROCEDURE_LABELS[p] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="field" label="执法类别" rules={[required('请选择执法类别')]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="title"
                label="案由"
                rules={[{ required: true, whitespace: true, min: 2, message: '请填写案由（至少两个字）' }]}
              >
                <Input maxLength={200} placeholder="如：未按规定对重大危险源进行安全评估案" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="source" label="案件来源" rules={[required('请选择案件来源')]}>
                <Select options={CASE_SOURCES.map((s) => ({ value: s, label: CASE_SOURCE_LABELS[s] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="leadOn" label="线索登记日期" rules={[required('请选择线索登记日期')]}>
                <DatePicker style={{ width: '100%' }} disabledDate={notFuture} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="violationOn" label="违法行为发生日期">
                <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="place" label="违法行为发生地">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="violationContinuing" label="违法行为仍在继续" valuePropName="checked">
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
            <Col xs={12} md={18}>
              <Form.Item
                name="harmsSafety"
                label="涉及公民生命健康安全、金融安全"
                valuePropName="checked"
                extra="追责时效为五年，其余为二年，自违法行为发生或终了之日起计算（P-36）"
              >
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="facts" label="线索情况">
                <Input.TextArea rows={3} maxLength={20000} placeholder="发现经过、涉嫌违法的主要事实" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="当事人" style={{ marginTop: 16 }}>
          <Form.Item name={['party', 'type']} label="当事人类型">
            <Radio.Group
              optionType="button"
              options={PARTY_TYPES.map((t) => ({ value: t, label: PARTY_TYPE_LABELS[t] }))}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['party', 'name']}
                label={person ? '姓名' : '单位名称'}
                rules={[{ required: true, whitespace: true, message: person ? '请填写姓名' : '请填写单位名称' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['party', 'idNumber']}
                label={person ? '公民身份号码' : '统一社会信用代码'}
                rules={[person ? residentIdRule : usccRule]}
                extra="作出处罚决定前须填写（P-59）"
              >
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
            {!person && (
              <Col xs={24} md={12}>
                <Form.Item name={['party', 'legalRepresentative']} label="法定代表人（负责人）">
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item name={['party', 'phone']} label="联系电话" rules={[phoneRule]}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name={['party', 'address']} label={person ? '住址' : '住所（经营场所）'}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="承办人员" style={{ marginTop: 16 }}>
          {officers.error && <Alert type="error" showIcon title={officers.error} style={{ marginBottom: 12 }} />}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="leadOfficerId" label="主办人" rules={[required('请选择主办人')]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={officers.loading}
                  options={officers.options}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="assistantIds"
                label="协办人"
                extra={
                  procedure === 'penalty.summary'
                    ? '简易程序法律规定可以一人执法的，可不选协办人（P-42）'
                    : '执法人员不得少于两人（P-42），请至少选择一名协办人'
                }
                rules={[
                  {
                    validator: async (_, ids: number[] | undefined) => {
                      const n = (ids ?? []).filter((id) => id !== leadOfficerId).length;
                      if (procedure !== 'penalty.summary' && n < 1) throw new Error('请至少选择一名协办人（P-42）');
                    },
                  },
                ]}
              >
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={officers.loading}
                  options={officers.options.filter((o) => o.value !== leadOfficerId)}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 16 }}>
          <Button onClick={() => navigate(-1)}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            登记
          </Button>
        </div>
      </Form>
    </>
  );
}
