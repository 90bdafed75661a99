// 全国地方公共団体コード: 5 digits + a check digit
// c = (11 − (6d1 + 5d2 + 4d3 + 3d4 + 2d5) mod 11) mod 10  (総務省).

export function municipalityCheckDigit(firstFive: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(firstFive[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidMunicipalityCode(code: string): boolean {
  if (!/^[0-9]{6}$/.test(code)) return false;
  return municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}
