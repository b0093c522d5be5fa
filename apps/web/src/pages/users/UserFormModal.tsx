import { ROLE_LABELS, ROLES } from '@sanxiang/domain';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { UserInput } from '../../api/types';
import { useAgencyOptions } from '../../api/useAgencyOptions';
import { required, showOnField } from '../../components/formRules';

const FIELDS = ['username', 'displayName', 'roles', 'agencyId', 'password'];

/** 新建用户: the account must change its password at first login. */
export function UserFormModal({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<UserInput>();
  const { message } = App.useApp();
  const { agencies, options } = useAgencyOptions();
  const [saving, setSaving] = useState(false);
  const agencyId = Form.useWatch('agencyId', form);
  const isBureau = agencies.find((a) => a.id === agencyId)?.role === 'supervisor';

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post('/api/users', { ...v, username: v.username.trim(), displayName: v.displayName.trim() });
      message.success(`已新建用户 ${v.username}，首次登录须修改密码`);
      onSaved();
    } catch (err) {
      if (!showOnField(form, err, FIELDS)) message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="保存"
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form<UserInput> form={form} layout="vertical">
        <Form.Item
          label="用户名"
          name="username"
          rules={[
            required('请输入用户名'),
            {
              pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/,
              message: '用户名须以字母开头，由3至32位字母、数字、下划线、点或连字符组成',
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[required('请输入姓名'), { max: 50, message: '不能超过50个字' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="所属单位" name="agencyId" rules={[required('请选择所属单位')]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} />
        </Form.Item>
        <Form.Item
          label="角色"
          name="roles"
          dependencies={['agencyId']}
          rules={[
            { required: true, type: 'array', min: 1, message: '请至少选择一个角色' },
            {
              validator: async (_, roles?: string[]) => {
                if (roles?.includes('supervisor') && agencyId && !isBureau) {
                  throw new Error('执法监督人员只能属于司法行政机关');
                }
              },
            },
          ]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item
          label="初始密码"
          name="password"
          extra="至少8位，须同时包含字母和数字；用户首次登录须修改"
          rules={[
            required('请输入初始密码'),
            {
              validator: async (_, v?: string) => {
                if (v && (v.length < 8 || !/[A-Za-z]/.test(v) || !/\d/.test(v))) {
                  throw new Error('密码至少8位，且须同时包含字母和数字');
                }
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
