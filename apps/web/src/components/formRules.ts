import { checkResidentId, checkUscc, isPhoneNumber } from '@sanxiang/domain';
import type { FormInstance, FormRule as Rule } from 'antd';
import { ApiError } from '../api/client';

/**
 * Form rules built on the shared validators of @sanxiang/domain, so the browser says exactly
 * what the server would say.
 */
export const usccRule: Rule = {
  validator: async (_, v: string | undefined) => {
    if (!v) return;
    const r = checkUscc(v);
    if (!r.ok) throw new Error(r.reason);
  },
};

export const residentIdRule: Rule = {
  validator: async (_, v: string | undefined) => {
    if (!v) return;
    const r = checkResidentId(v);
    if (!r.ok) throw new Error(r.reason);
  },
};

export const phoneRule: Rule = {
  validator: async (_, v: string | undefined) => {
    if (v && !isPhoneNumber(v)) throw new Error('电话号码格式不正确（手机号、带区号的座机号或服务热线）');
  },
};

export const required = (message: string): Rule => ({ required: true, message });

/**
 * Puts a server refusal on the form field it names; returns false when it names none
 * (the caller then shows the message elsewhere).
 */
export function showOnField(form: FormInstance, err: unknown, fields: readonly string[]): boolean {
  if (!(err instanceof ApiError)) return false;
  const named = (err.errors ?? []).filter((e) => e.field && fields.includes(e.field));
  if (err.field && fields.includes(err.field) && !named.some((e) => e.field === err.field)) {
    named.push({ field: err.field, message: err.message });
  }
  if (named.length === 0) return false;
  form.setFields(named.map((e) => ({ name: e.field as string, errors: [e.message] })));
  return true;
}
