import {
  AGENCY_KIND_LABELS,
  AGENCY_KINDS,
  AGENCY_ROLE_LABELS,
  AGENCY_ROLES,
  FIELD_LABELS,
  FIELDS,
  isRegionCode,
  AGENCY_FIELD_LABELS as L,
} from '@sanxiang/domain';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Agency, AgencyInput } from '../../api/types';
import { useAgencyOptions } from '../../api/useAgencyOptions';
import { useMe } from '../../auth/SessionContext';
import { phoneRule, required, showOnField, usccRule } from '../../components/formRules';
import { RegionCascader } from '../../components/RegionCascader';

interface Values extends Omit<AgencyInput, 'uscc' | 'parentId'> {
  uscc?: string;
  parentId?: number;
  units?: string[];
}

const FIELD_NAMES = [
  'name',
  'kind',
  'role',
  'regionCode',
  'field',
  'address',
  'officePhone',
  'complaintPhone',
  'uscc',
  'parentId',
  'units',
];

const options = <C extends string>(codes: readonly C[], labels: Record<C, string>) =>
  codes.map((c) => ({ value: c, label: labels[c] }));

/** 新增 (agency undefined) or 编辑 an agency. */
export function AgencyFormModal({
  open,
  agency,
  onClose,
  onSaved,
}: {
  open: boolean;
  agency?: Agency;
  onClose(): void;
  onSaved(a: Agency): void;
}) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { agencies } = useAgencyOptions();
  const [saving, setSaving] = useState(false);

  const supervisorOptions = agencies
    .filter((a) => a.role === 'supervisor' && a.id !== agency?.id)
    .map((a) => ({ value: a.id, label: a.name }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (agency) {
      const { units: _units, ...fields } = agency;
      form.setFieldsValue({
        ...fields,
        uscc: agency.uscc ?? undefined,
        parentId: agency.parentId ?? undefined,
      });
    } else {
      form.setFieldsValue({ role: 'agency', kind: 'administrative', regionCode: me.agency.regionCode });
    }
  }, [open, agency, form, me]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name.trim(),
      kind: v.kind,
      role: v.role,
      regionCode: v.regionCode,
      field: v.field,
      address: v.address?.trim() ?? '',
      officePhone: v.officePhone?.trim() ?? '',
      complaintPhone: v.complaintPhone?.trim() ?? '',
      uscc: v.uscc?.trim() ? v.uscc.trim().toUpperCase() : null,
      parentId: v.parentId ?? null,
    };
    setSaving(true);
    try {
      const saved = agency
        ? await api.patch<Agency>(`/api/agencies/${agency.id}`, body)
        : await api.post<Agency>('/api/agencies', { ...body, units: v.units ?? [] });
      message.success(agency ? '执法主体信息已保存' : '执法主体已新增');
      onSaved(saved);
    } catch (err) {
      if (!showOnField(form, err, FIELD_NAMES)) message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={agency ? `编辑执法主体：${agency.name}` : '新增执法主体'}
      okText="保存"
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      forceRender
    >
      <Form<Values> form={form} layout="vertical" requiredMark>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              label={L.name}
              name="name"
              rules={[
                required('请输入执法主体名称'),
                { min: 2, message: '名称至少2个字' },
                { max: 100, message: '名称不能超过100个字' },
              ]}
            >
              <Input placeholder="如：示例县应急管理局" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.role} name="role" rules={[required('请选择机构性质')]}>
              <Select options={options(AGENCY_ROLES, AGENCY_ROLE_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.kind} name="kind" rules={[required('请选择主体类别')]}>
              <Select options={options(AGENCY_KINDS, AGENCY_KIND_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.field} name="field" rules={[required('请选择执法领域')]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={options(FIELDS, FIELD_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={L.regionCode}
              name="regionCode"
              rules={[
                required('请选择行政区划'),
                {
                  validator: async (_, v?: string) => {
                    if (v && !isRegionCode(v)) throw new Error('应为6位数字的行政区划代码（GB/T 2260）');
                  },
                },
              ]}
            >
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.uscc} name="uscc" rules={[usccRule]}>
              <Input maxLength={18} placeholder="18位，受委托组织可暂缺" style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.parentId} name="parentId" extra="辖区包含本主体的司法行政机关">
              <Select allowClear options={supervisorOptions} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={L.address} name="address" rules={[{ max: 200, message: '地址不能超过200个字' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.officePhone} name="officePhone" rules={[phoneRule]}>
              <Input placeholder="如：0871-12345678" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.complaintPhone} name="complaintPhone" rules={[phoneRule]}>
              <Input placeholder="如：12345" />
            </Form.Item>
          </Col>
          {!agency && (
            <Col xs={24}>
              <Form.Item label={L.units} name="units" extra="输入科室名称后回车，可添加多个；以后也可在详情页添加">
                <Select mode="tags" open={false} suffixIcon={null} placeholder="如：执法大队、法制科" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
