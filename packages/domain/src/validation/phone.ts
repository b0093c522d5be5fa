/** Mobile (1xxxxxxxxxx), landline with area code (0871-1234567), or short service numbers (12345). */
export function isPhoneNumber(input: string): boolean {
  const s = input.trim();
  return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^\d{5,8}$/.test(s);
}
