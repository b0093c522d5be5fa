import {
  CREDENTIAL_KIND_LABELS,
  CREDENTIAL_KINDS,
  checkResidentId,
  FIELD_LABELS,
  FIELDS,
  GENDER_LABELS,
  GENDERS,
  OFFICER_FIELD_LABELS as L,
  OFFICER_RECORD_FIELDS,
  OFFICER_STATUS_LABELS,
  OFFICER_STATUSES,
} from '@sanxiang/domain';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Agency, Officer, OfficerInput } from '../../api/types';
import { useAgencyOptions } from '../../api/useAgencyOptions';
import { useFetch } from '../../api/useFetch';
import { useMe } from '../../auth/SessionContext';
import { required, residentIdRule, showOnField } from '../../components/formRules';
import { RegionCascader } from '../../components/RegionCascader';

interface Values extends Omit<OfficerInput, 'validFrom' | 'validTo' | 'unitId' | 'credentialNo'> {
  unitId?: number;
  credentialNo?: string;
  validity?: [Dayjs, Dayjs];
  reason?: string;
}

const FORM_FIELDS = [...OFFICER_RECORD_FIELDS, 'reason'];

const options = <C extends string>(codes: readonly C[], labels: Record<C, string>) =>
  codes.map((c) => ({ value: c, label: labels[c] }));

function toInput(v: Values): OfficerInput {
  const credentialNo = v.credentialNo?.trim() || null;
  return {
    name: v.name.trim(),
    gender: v.gender,
    agencyId: v.agencyId,
    unitId: v.unitId ?? null,
    post: v.post?.trim() ?? '',
    credentialNo,
    credentialKind: v.credentialKind,
    fields: v.fields ?? [],
    regionCode: v.regionCode,
    validFrom: v.validity ? v.validity[0].format('YYYY-MM-DD') : null,
    validTo: v.validity ? v.validity[1].format('YYYY-MM-DD') : null,
    status: v.status,
    legalQualification: v.legalQualification ?? false,
    legalQualificationNo: v.legalQualificationNo?.trim() ?? '',
    ...(v.residentId?.trim() ? { residentId: v.residentId.trim().toUpperCase() } : {}),
  };
}

/** Only what the editor changed goes into the PATCH, so the history shows exactly that. */
function changedFields(before: Officer, after: OfficerInput): Partial<OfficerInput> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (k === 'residentId') out[k] = v;
    else if (JSON.stringify(v) !== JSON.stringify((before as unknown as Record<string, unknown>)[k])) out[k] = v;
  }
  return out as Partial<OfficerInput>;
}

/** 新增 (officer undefined) or 编辑 an officer; an edit needs a 变更原因 for the history. */
export function OfficerFormModal({
  open,
  officer,
  onClose,
  onSaved,
}: {
  open: boolean;
  officer?: Officer;
  onClose(): void;
  onSaved(o: Officer): void;
}) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { agencies, options: agencyOptions } = useAgencyOptions();
  const [saving, setSaving] = useState(false);
  const agencyId = Form.useWatch('agencyId', form);
  const legalQualification = Form.useWatch('legalQualification', form);
  const agency = useFetch<Agency>(open && agencyId ? `/api/agencies/${agencyId}` : null);

  const units = agency.data && agency.data.id === agencyId ? agency.data.units : [];
  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  const enforcementAgencies = agencyOptions.filter(
    (o) => agencies.find((a) => a.id === o.value)?.role !== 'supervisor' || o.value === agencyId,
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (officer) {
      form.setFieldsValue({
        ...officer,
        unitId: officer.unitId ?? undefined,
        credentialNo: officer.credentialNo ?? undefined,
        validity: officer.validFrom && officer.validTo ? [dayjs(officer.validFrom), dayjs(officer.validTo)] : undefined,
        residentId: undefined,
      });
    } else {
      form.setFieldsValue({
        gender: undefined,
        credentialKind: 'enforcement',
        status: 'active',
        legalQualification: false,
        fields: [],
        agencyId: me.agency.role === 'agency' ? me.agency.id : undefined,
        regionCode: me.agency.role === 'agency' ? me.agency.regionCode : undefined,
      });
    }
  }, [open, officer, form, me]);

  const submit = async () => {
    const v = await form.validateFields();
    const input = toInput(v);
    setSaving(true);
    try {
      let saved: Officer;
      if (officer) {
        saved = await api.patch<Officer>(`/api/officers/${officer.id}`, {
          ...changedFields(officer, input),
          reason: v.reason?.trim(),
          expectedVersion: officer.version,
        });
      } else {
        saved = await api.post<Officer>('/api/officers', input);
      }
      message.success(officer ? '人员信息已保存，变更已记入变更记录' : '执法人员已新增');
      onSaved(saved);
    } catch (err) {
      const e = err as { field?: string };
      const mapped = e.field === 'validFrom' || e.field === 'validTo' ? 'validity' : undefined;
      if (mapped) form.setFields([{ name: 'validity', errors: [errorMessage(err)] }]);
      else if (!showOnField(form, err, FORM_FIELDS)) message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={officer ? `编辑执法人员：${officer.name}` : '新增执法人员'}
      okText="保存"
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      onCancel={onClose}
      width={820}
      destroyOnHidden
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={(changed: Partial<Values>) => {
          // The resident ID carries the gender; fill it in when still empty.
          if (changed.residentId) {
            const r = checkResidentId(changed.residentId);
            if (r.ok && !form.getFieldValue('gender')) form.setFieldValue('gender', r.gender);
          }
          if (changed.agencyId !== undefined) {
            form.setFieldValue('unitId', undefined);
            const a = agencies.find((x) => x.id === changed.agencyId);
            if (a && !form.getFieldValue('regionCode')) form.setFieldValue('regionCode', a.regionCode);
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label={L.name}
              name="name"
              rules={[required('请输入姓名'), { min: 2, message: '姓名至少2个字' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={L.residentId}
              name="residentId"
              rules={officer ? [residentIdRule] : [required('请输入公民身份号码'), residentIdRule]}
              extra={officer ? `当前：${officer.residentIdMasked}；留空则不修改` : undefined}
            >
              <Input maxLength={18} autoComplete="off" style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.gender} name="gender" rules={[required('请选择性别')]}>
              <Select options={options(GENDERS, GENDER_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.agencyId} name="agencyId" rules={[required('请选择执法主体')]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={enforcementAgencies} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={L.unitId} name="unitId">
              <Select allowClear options={unitOptions} loading={agency.loading} notFoundContent="该主体尚未登记科室" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={L.post} name="post">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.credentialNo} name="credentialNo" rules={[{ min: 4, message: '执法证号至少4位' }]}>
              <Input maxLength={30} placeholder="未持证可留空" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.credentialKind} name="credentialKind" rules={[required('请选择证件类型')]}>
              <Select options={options(CREDENTIAL_KINDS, CREDENTIAL_KIND_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.status} name="status" rules={[required('请选择状态')]}>
              <Select options={options(OFFICER_STATUSES, OFFICER_STATUS_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={L.fields}
              name="fields"
              dependencies={['credentialNo']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v?: string[]) => {
                    if (getFieldValue('credentialNo') && !v?.length) throw new Error('执法证件至少覆盖一个执法类别');
                  },
                }),
              ]}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={options(FIELDS, FIELD_LABELS)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={L.validity}
              name="validity"
              dependencies={['credentialNo']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v?: [Dayjs, Dayjs]) => {
                    if (getFieldValue('credentialNo') && !v) throw new Error('持有执法证件的人员须填写证件有效期');
                  },
                }),
              ]}
            >
              <DatePicker.RangePicker style={{ width: '100%' }} placeholder={[L.validFrom, L.validTo]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.regionCode} name="regionCode" rules={[required('请选择行政区划')]}>
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item label={L.legalQualification} name="legalQualification" valuePropName="checked">
              <Switch checkedChildren="有" unCheckedChildren="无" />
            </Form.Item>
          </Col>
          <Col xs={16} md={8}>
            <Form.Item label={L.legalQualificationNo} name="legalQualificationNo">
              <Input maxLength={40} disabled={!legalQualification} />
            </Form.Item>
          </Col>
          {officer && (
            <Col xs={24}>
              <Form.Item
                label={L.reason}
                name="reason"
                rules={[
                  required('请填写变更原因'),
                  { whitespace: true, min: 2, message: '变更原因至少2个字' },
                  { max: 200, message: '不能超过200个字' },
                ]}
              >
                <Input.TextArea rows={2} placeholder="如：证件换发、调动、暂扣" maxLength={200} showCount />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
