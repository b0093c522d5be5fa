/**
 * 行政区划代码 (GB/T 2260): six digits; province "xx0000", city "xxxx00",
 * county "xxxxxx". A region's scope is every code sharing its significant prefix.
 */
export function isRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && code.slice(0, 2) !== '00';
}

export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionLevel(code: string): 'province' | 'city' | 'county' {
  const p = regionPrefix(code);
  return p.length === 2 ? 'province' : p.length === 4 ? 'city' : 'county';
}

/** Whether `code` lies inside the region `scope` (a region contains itself). */
export function regionContains(scope: string, code: string): boolean {
  return code.startsWith(regionPrefix(scope));
}
