/**
 * Norwegian organisation numbers: 9 digits, the last a MOD11 check digit with weights 3 2 7 6 5 4 3 2.
 * A remainder of 1 has no valid check digit, so such numbers are never issued.
 */
export function isValidOrgNumber(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(value[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]);
}
