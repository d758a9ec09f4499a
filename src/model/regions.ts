/**
 * Region codes (GB/T 2260 行政区划代码, positions 3–8 of a USCC) the deployment names in words: the
 * province, Shanwei and its districts and counties. A code not listed is shown as the code itself
 * (a city deploying elsewhere adds its own here).
 */
export const REGION_NAMES: Readonly<Record<string, string>> = {
  '440000': '广东省',
  '441500': '汕尾市',
  '441502': '汕尾市城区',
  '441521': '海丰县',
  '441523': '陆河县',
  '441581': '陆丰市',
};

/** A region code's name, the nearest listed level's (441581xx → 陆丰市), else the code. */
export function regionName(code: string): string {
  for (const c of [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]) {
    const n = REGION_NAMES[c];
    if (n) return c === code ? n : `${n}（${code}）`;
  }
  return code;
}
