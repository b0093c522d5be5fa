/**
 * 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence, and a check digit (ISO 7064 MOD 11-2, "X" for 10).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type ResidentIdCheck =
  | { ok: true; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; reason: string };

export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

export function checkResidentId(input: string): ResidentIdCheck {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: '公民身份号码应为18位，前17位为数字，末位为数字或X' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, reason: '公民身份号码中的出生日期不存在' };
  }
  if (residentIdCheckDigit(id.slice(0, 17)) !== id.charAt(17)) return { ok: false, reason: '公民身份号码校验位不正确' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { ok: true, birthDate, gender: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female' };
}

export function isValidResidentId(input: string): boolean {
  return checkResidentId(input).ok;
}

/** Shown to roles that may not see the number: region prefix and last four. */
export function maskResidentId(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}
