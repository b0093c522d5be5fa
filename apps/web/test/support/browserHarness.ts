/**
 * What the browser tests share: the real server (apps/server) started with its demo data on a free port, a fresh
 * PostgreSQL database when DATABASE_URL is set, and Debian's Chromium (/usr/bin/chromium, never a downloaded
 * browser) driven by playwright-core. The server runs as `npm start` runs it, compiled. Build first:
 * npm run build -w @sanxiang/web -w @sanxiang/server (npm run test:browser does).
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type BuiltServer, SERVER_DIR, startBuiltServer } from '../../../server/src/builtServer.js';
import { createScratchDatabase } from '../../../server/test/support/scratchDatabase.js';
import type { Prepare } from './prepareDatabase.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../../..');
export const webDir = resolve(here, '../..');
export const resultsDir = join(webDir, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';
export const PASSWORD = 'Sanxiang@2026';

/**
 * Whether the browser tests can run here. Without Chromium they are skipped, unless REQUIRE_BROWSER=1 (CI), where
 * that is a failure; without a built console they fail.
 */
export function browserAvailable(): boolean {
  const hasBrowser = existsSync(CHROMIUM);
  if (!hasBrowser) {
    if (process.env.REQUIRE_BROWSER === '1') {
      throw new Error(
        `浏览器测试失败：未找到 ${CHROMIUM}（REQUIRE_BROWSER=1）。请安装：apt-get install -y chromium fonts-noto-cjk`,
      );
    }
    console.log(`# 浏览器测试已跳过：未找到 ${CHROMIUM}（设置 REQUIRE_BROWSER=1 时视为失败）`);
    return false;
  }
  if (!existsSync(join(SERVER_DIR, 'dist', 'main.js'))) {
    throw new Error('apps/server/dist 不存在：请先运行 npm run build -w @sanxiang/server');
  }
  if (!existsSync(join(webDir, 'dist', 'index.html'))) {
    throw new Error('apps/web/dist 不存在：请先运行 npm run build -w @sanxiang/web');
  }
  return true;
}

export interface Harness {
  base: string;
  browser: Browser;
  /** The server's recent output, for failure messages. */
  serverLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts the server with demo data (own data directory, own database) and Chromium. `prepare` writes to
 * that database before the server starts (support/prepareDatabase.ts), e.g. records the demo lacks.
 */
export async function startHarness(options: { prepare?: Prepare } = {}): Promise<Harness> {
  mkdirSync(resultsDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'sanxiang-web-'));
  // With DATABASE_URL set (CI's second run) the server under test gets a fresh database on that
  // PostgreSQL server, so it starts with the demo data whatever the database already holds.
  const scratch = process.env.DATABASE_URL
    ? await createScratchDatabase(process.env.DATABASE_URL, 'sanxiang_web')
    : undefined;
  const databaseUrl = scratch?.url;
  const removeData = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  };
  let server: BuiltServer;
  try {
    if (options.prepare) {
      const { prepareDatabase } = await import('./prepareDatabase.js');
      await prepareDatabase(join(dataDir, 'data'), databaseUrl, options.prepare);
    }
    server = await startBuiltServer({
      DATA_DIR: join(dataDir, 'data'),
      DATABASE_URL: databaseUrl ?? '',
      DEMO_DATA: 'true',
    });
  } catch (err) {
    await removeData();
    throw err;
  }
  const { base } = server;
  const stopServer = async () => {
    await server.stop();
    await removeData();
  };

  let browser: Browser;
  try {
    await server.healthy(60_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await stopServer();
    throw err;
  }
  return {
    base,
    browser,
    serverLog: () => server.output().slice(-8000),
    stop: async () => {
      await browser.close();
      await stopServer();
    },
  };
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and unexpected API failures seen so far. */
  problems: string[];
  /** An API path whose 4xx the test provokes on purpose. */
  expectRefusal(path: string): void;
}

/** A fresh browser context (own cookies) with console errors and failed API calls collected. */
export async function openPage(browser: Browser, viewport = { width: 1366, height: 860 }): Promise<TestPage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`页面异常：${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every 4xx as a console error; the expected ones are filtered below.
    if (msg.text().startsWith('Failed to load resource')) return;
    problems.push(`控制台错误：${msg.text()}`);
  });
  // API refusals the test provokes on purpose; any other 4xx/5xx is a problem.
  // The session probe answers 401 before login and a wrong password 401: expected answers.
  const expected = ['/api/auth/me', '/api/auth/login'];
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (path.startsWith('/api/') && res.status() >= 400 && !expected.includes(path)) {
      problems.push(`接口错误：${res.status()} ${res.url()}`);
    }
  });
  return { context, page, problems, expectRefusal: (path: string) => expected.push(path) };
}

export async function login(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A screenshot into test-results/ (or an absolute path) with CSS animations finished, so nothing is caught mid-fade. */
export async function shot(page: Page, name: string, fullPage = false) {
  const path = name.startsWith('/') ? name : join(resultsDir, name);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage, animations: 'disabled' });
}

/** Polls `check` until it holds (the UI settles asynchronously). */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`超时：${what}`);
}

/**
 * Chooses an option of an antd Select by its text, retrying until the field shows it: a click on a
 * dropdown still animating open is sometimes lost.
 */
export async function chooseOption(page: Page, scope: Locator, label: string, option: string) {
  const select = scope.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select');
  const list = page.locator('.ant-select-dropdown:visible');
  await until(async () => {
    if (((await select.textContent()) ?? '').includes(option)) return true;
    if ((await list.count()) === 0) await scope.getByLabel(label, { exact: true }).click();
    await list
      .locator(`.ant-select-item-option[title="${option}"]`)
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    return false;
  }, `选择“${option}”`);
  await until(async () => (await list.count()) === 0, '下拉列表关闭');
}
