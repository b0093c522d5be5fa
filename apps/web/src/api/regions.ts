import { useEffect, useState } from 'react';
import { api } from './client';
import type { Region } from './types';

/**
 * The server answers regions one level at a time: GET /api/regions gives the provinces,
 * ?parent=<code> the children of one region. Answers never change while the page is open.
 */
const children = new Map<string, Promise<Region[]>>();

export function regionChildren(parent: string | null): Promise<Region[]> {
  const key = parent ?? '';
  let p = children.get(key);
  if (!p) {
    p = api.get<Region[]>('/api/regions', parent ? { parent } : undefined);
    p.catch(() => children.delete(key));
    children.set(key, p);
  }
  return p;
}

/**
 * Province → (city →) county chain of a six-digit code. The code's digits say where to look
 * (GB/T 2260); municipalities and province-governed counties skip the city level.
 */
export async function regionChain(code: string): Promise<Region[]> {
  const provinceCode = `${code.slice(0, 2)}0000`;
  const province = (await regionChildren(null)).find((r) => r.code === provinceCode);
  if (!province) return [];
  if (code === provinceCode) return [province];
  const level2 = await regionChildren(provinceCode);
  const direct = level2.find((r) => r.code === code);
  if (direct) return [province, direct];
  const city = level2.find((r) => r.code === `${code.slice(0, 4)}00`);
  if (!city) return [province];
  const county = (await regionChildren(city.code)).find((r) => r.code === code);
  return county ? [province, city, county] : [province, city];
}

export function chainName(chain: Region[]): string {
  return chain.map((r) => r.name).join(' / ');
}

/** "云南省 / 示例市 / 示例县" for a code, or the code itself until (or unless) it resolves. */
export function useRegionName(code: string | null | undefined): string {
  const [name, setName] = useState(code ?? '');
  useEffect(() => {
    if (!code) return;
    let live = true;
    setName(code);
    regionChain(code)
      .then((chain) => live && chain.length > 0 && setName(chainName(chain)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code]);
  return name;
}
