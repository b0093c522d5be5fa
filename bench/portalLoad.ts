/**
 * Portal first load (issue 6): what a phone downloads to show search results, and how long it takes in
 * Chromium on a throttled mobile network with a slowed CPU, from a cold cache. The server runs with its
 * demo data (PGlite) as `npm start` would; build the web app first (npm run build -w @sanxiang/web).
 * Baseline in the same run: the same page on the unthrottled loopback.
 *
 *   npm run bench:portal-load           builds the web app; RUNS=5 by default
 */

import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { browserAvailable, startHarness } from '../apps/web/test/support/browserHarness.js';

const RUNS = Number(process.env.RUNS ?? 5);
const PATH = '/portal/search?q=%E7%BD%9A%E6%AC%BE'; // 罚款

interface Profile {
  name: string;
  /** Round trip in ms, throughput in bytes/s, CPU slowdown factor. */
  latency: number;
  down: number;
  up: number;
  cpu: number;
}
const PROFILES: Profile[] = [
  { name: '不限速（本机回环）', latency: 0, down: -1, up: -1, cpu: 1 },
  // Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower.
  { name: '慢速 4G（Lighthouse 移动端）', latency: 150, down: (1.6e6 / 8) * 0.9, up: (750e3 / 8) * 0.9, cpu: 4 },
  // Chrome DevTools' "3G": 300 ms RTT, 780 kbit/s down, 330 kbit/s up.
  { name: '3G', latency: 300, down: (780e3 / 8) * 0.9, up: (330e3 / 8) * 0.9, cpu: 4 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function loadOnce(browser: Browser, base: string, p: Profile) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: p.latency,
    downloadThroughput: p.down,
    uploadThroughput: p.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const type = types.get(e.requestId) ?? 'Other';
    bytes.set(type, (bytes.get(type) ?? 0) + e.encodedDataLength);
  });
  const t0 = performance.now();
  await page.goto(`${base}${PATH}`, { waitUntil: 'commit' });
  await page.locator('#results-heading ~ ul li').first().waitFor({ state: 'visible', timeout: 60_000 });
  const shown = performance.now() - t0;
  await page.waitForLoadState('networkidle');
  const assets = [...urls.entries()]
    .filter(([id]) => ['Script', 'Stylesheet'].includes(types.get(id) ?? ''))
    .map(([, u]) => u);
  await context.close();
  return { shown, bytes, assets };
}

if (browserAvailable()) {
  const harness = await startHarness();
  try {
    console.log(`Portal first load: ${PATH} (检索“罚款”), cold cache, phone viewport 390×844, median of ${RUNS}`);
    let assets: string[] = [];
    for (const p of PROFILES) {
      const shown: number[] = [];
      let bytes = new Map<string, number>();
      for (let i = 0; i < RUNS; i++) {
        const r = await loadOnce(harness.browser, harness.base, p);
        shown.push(r.shown);
        bytes = r.bytes;
        assets = r.assets;
      }
      const kb = (type: string) => ((bytes.get(type) ?? 0) / 1024).toFixed(1);
      console.log(
        `  ${p.name}：results shown after ${median(shown).toFixed(0)} ms (runs: ${shown.map((x) => x.toFixed(0)).join(', ')}); ` +
          `transferred KB: document ${kb('Document')}, JS ${kb('Script')}, CSS ${kb('Stylesheet')}, API ${kb('Fetch')}`,
      );
    }
    // What the same JS and CSS weigh gzipped, whatever the server sends.
    let raw = 0;
    let gz = 0;
    for (const u of assets) {
      const body = Buffer.from(await (await fetch(u)).arrayBuffer());
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
    }
    console.log(
      `  JS + CSS of the portal: ${assets.length} files, ${(raw / 1024).toFixed(1)} KB, gzipped ${(gz / 1024).toFixed(1)} KB (target under 150 KB gzipped)`,
    );
  } finally {
    await harness.stop();
  }
}
