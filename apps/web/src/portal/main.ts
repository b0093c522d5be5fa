/**
 * 行政执法公示 (issue 6): the public portal. No login, no framework: plain TypeScript that reads the public
 * API and builds the page. Addresses under /portal/ (the server answers them with portal.html):
 *   /portal/                       home: the region's agencies and the latest decisions
 *   /portal/agencies/:id           an agency: its details, officers and decisions
 *   /portal/search?q=&agencyId=&category=&from=&to=&page=   search over decisions
 *   /portal/disclosures/:id        a decision with its earlier versions, or its withdrawal notice
 *   /portal/withdrawals            withdrawal notices
 *   /portal/credentials/:code      执法证件核验: the page an officer's credential QR code opens
 *   /portal/agencies/:id/lists/:kind[?version=N]   事前公开 lists (listPages.ts); /portal/flowcharts/:procedure
 *   /portal/reports, /portal/reports/:id          统计年报 (reportPages.ts)
 */
import './portal.css';
import { ApiError } from './api';
import { credentialPage, credentialPath } from './credentialPages';
import { append, h } from './dom';
import { flowchartPage, listPage } from './listPages';
import {
  agencyPage,
  detailPage,
  homePage,
  notFoundPage,
  type Rendered,
  regionName,
  searchPage,
  withdrawalsPage,
} from './pages';
import { reportPage, reportsPage } from './reportPages';

const main = document.getElementById('main') as HTMLElement;
const announcer = document.getElementById('announcer') as HTMLElement;
let siteName = '行政执法公示';
let rendering = 0;

function route(url: URL): Promise<Rendered> | Rendered {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
  if (path === '/portal' || path === '/portal/index.html' || path === '/portal.html') return homePage();
  if (path === '/portal/search') return searchPage(url.searchParams);
  if (path === '/portal/withdrawals') return withdrawalsPage(page);
  if (path === '/portal/reports') return reportsPage(url.searchParams);
  const report = /^\/portal\/reports\/(\d+)$/.exec(path);
  if (report) return reportPage(Number(report[1]));
  const agency = /^\/portal\/agencies\/(\d+)$/.exec(path);
  if (agency) return agencyPage(Number(agency[1]), page);
  const disclosure = /^\/portal\/disclosures\/(\d+)$/.exec(path);
  if (disclosure) return detailPage(Number(disclosure[1]));
  const list = /^\/portal\/agencies\/(\d+)\/lists\/(\w+)$/.exec(path);
  if (list) return listPage(Number(list[1]), list[2] as string, Number(url.searchParams.get('version')) || undefined);
  const flowchart = /^\/portal\/flowcharts\/([\w.]+)$/.exec(path);
  if (flowchart) return flowchartPage(flowchart[1] as string);
  const credential = credentialPath.exec(path);
  if (credential) return credentialPage(credential[1] as string);
  return notFoundPage();
}

function errorPage(err: unknown): Rendered {
  const message =
    err instanceof ApiError
      ? err.status === 404
        ? err.message
        : `无法读取公示信息：${err.message}`
      : '页面出错了，请刷新后重试';
  return {
    title: err instanceof ApiError && err.status === 404 ? '未找到' : '出错了',
    content: [
      h('h1', null, err instanceof ApiError && err.status === 404 ? '未找到该信息' : '暂时无法显示'),
      h('p', { role: 'alert', class: 'notice notice-withdrawn' }, message),
      h('p', null, h('a', { href: '/portal/' }, '返回首页')),
    ],
  };
}

/** Marks the navigation link of the current section. */
function markNavigation(pathname: string) {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.site-header nav a')) {
    const target = new URL(a.href).pathname;
    const current =
      target === '/portal/' ? pathname === '/portal' || pathname === '/portal/' : pathname.startsWith(target);
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function render(moveFocus: boolean) {
  const id = ++rendering;
  const url = new URL(window.location.href);
  markNavigation(url.pathname);
  main.setAttribute('aria-busy', 'true');
  const slow = window.setTimeout(() => {
    if (id === rendering) main.replaceChildren(h('p', { class: 'loading' }, '正在加载…'));
  }, 150);
  let page: Rendered;
  try {
    page = await route(url);
  } catch (err) {
    page = errorPage(err);
  }
  window.clearTimeout(slow);
  if (id !== rendering) return; // a later navigation won
  main.replaceChildren();
  append(main, page.content);
  main.removeAttribute('aria-busy');
  document.title = page.title === siteName ? siteName : `${page.title} - ${siteName}`;
  if (moveFocus) {
    // Tell assistive technology that a new page is shown: focus its heading, as a page load would.
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    window.scrollTo(0, 0);
  }
  announcer.textContent = page.announce ?? '';
}

function navigate(href: string) {
  window.history.pushState(null, '', href);
  void render(true);
}

/** Links and forms inside the portal change the page without reloading it. */
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const a = (event.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || !url.pathname.startsWith('/portal')) return;
  event.preventDefault();
  if (url.href !== window.location.href) navigate(url.pathname + url.search);
});

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (form.method.toLowerCase() !== 'get' || !new URL(form.action).pathname.startsWith('/portal')) return;
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
  const s = params.toString();
  navigate(`${new URL(form.action).pathname}${s ? `?${s}` : ''}`);
});

window.addEventListener('popstate', () => void render(true));

// The site's name carries the region (示例县行政执法公示).
regionName()
  .then((region) => {
    if (!region) return;
    siteName = `${region}行政执法公示`;
    for (const el of document.querySelectorAll('[data-site-name]')) el.textContent = siteName;
    if (!document.title.includes(siteName)) document.title = document.title.replace('行政执法公示', siteName);
  })
  .catch(() => {});

void render(false);
