/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet
 * (no I, O, Z, S, V), the 18th a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccCheck = { ok: true } | { ok: false; reason: string };

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new Error(`invalid USCC character at ${i + 1}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check);
}

export function checkUscc(input: string): UsccCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: '统一社会信用代码应为18位' };
  if (!SHAPE.test(code)) {
    return { ok: false, reason: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V），第3至8位应为行政区划码' };
  }
  if (usccCheckCharacter(code.slice(0, 17)) !== code.charAt(17)) {
    return { ok: false, reason: '统一社会信用代码校验位不正确' };
  }
  return { ok: true };
}

export function isValidUscc(input: string): boolean {
  return checkUscc(input).ok;
}
