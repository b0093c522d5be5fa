/**
 * 事中公示 (issue 6): the page a credential's QR code opens, /portal/credentials/<code>. A citizen facing an
 * officer scans the card and sees at once whether the credential is valid today, whose it is, and how to
 * complain. The answer comes from GET /api/public/credential-checks/<code> (apps/server credentialCheck.ts).
 */
import type { CredentialCheckAnswer } from '@sanxiang/domain';
import './credentialPages.css';
import { ApiError, getJson } from './api';
import { chineseDate, fields, h } from './dom';
import type { Rendered } from './pages';

export const credentialPath = /^\/portal\/credentials\/([A-Za-z0-9]{1,64})$/;

const phoneLink = (phone: string) => h('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}`, class: 'nowrap' }, phone);

/** How to tell this page from a copy: the address bar, not anything the page itself says. */
function howToVerify(): HTMLElement {
  return h(
    'section',
    { class: 'card credential-howto', 'aria-labelledby': 'howto-heading' },
    h('h2', { id: 'howto-heading' }, '如何确认核验结果可信'),
    h(
      'ol',
      null,
      h(
        'li',
        null,
        '查看浏览器地址栏：网址应以 ',
        h('strong', { class: 'mono' }, `${window.location.protocol}//${window.location.host}/`),
        ' 开头，并与政府网站公布的行政执法公示平台地址一致。伪造的二维码可能打开外观相似的其他网站。',
      ),
      h('li', null, '核对本页显示的姓名、执法主体与执法人员出示的行政执法证件一致。'),
      h('li', null, '本页显示“证件有效”，且核验日期为今天。'),
    ),
    h(
      'p',
      { class: 'hint' },
      '也可在本平台的',
      h('a', { href: '/portal/' }, '执法主体与执法人员名单'),
      '中按姓名或执法证号查询。',
    ),
  );
}

function complaint(agency: CredentialCheckAnswer['agency'] | null): HTMLElement {
  return h(
    'section',
    { class: 'card credential-complaint', 'aria-labelledby': 'complaint-heading' },
    h('h2', { id: 'complaint-heading' }, '投诉举报'),
    agency?.complaintPhone
      ? h(
          'p',
          null,
          `对执法人员身份有疑问，或发现冒用、伪造执法证件的，请拨打${agency.name}投诉举报电话 `,
          phoneLink(agency.complaintPhone),
          '。',
        )
      : h('p', null, '对执法人员身份有疑问，或发现冒用、伪造执法证件的，请向当地司法行政机关（司法局）投诉举报。'),
  );
}

function verdict(ok: boolean, headline: string, checkedOn: string | null, reasons: string[]): HTMLElement {
  return h(
    'section',
    { class: `credential-verdict ${ok ? 'is-valid' : 'is-invalid'}`, 'aria-labelledby': 'verdict-heading' },
    h('span', { class: 'credential-mark', 'aria-hidden': 'true' }, ok ? '✓' : '✕'),
    h(
      'div',
      null,
      h('p', { id: 'verdict-heading', class: 'credential-headline' }, headline),
      checkedOn ? h('p', { class: 'credential-date' }, `核验日期：${chineseDate(checkedOn)}（北京时间）`) : null,
      reasons.length > 0
        ? h(
            'ul',
            { class: 'credential-reasons' },
            reasons.map((r) => h('li', null, r)),
          )
        : null,
    ),
  );
}

export async function credentialPage(code: string): Promise<Rendered> {
  let c: CredentialCheckAnswer;
  try {
    c = await getJson<CredentialCheckAnswer>(`/api/public/credential-checks/${encodeURIComponent(code)}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    return {
      title: '执法证件核验：无法核验',
      announce: '无法核验：未查到该执法证件二维码',
      content: [
        h('h1', null, '执法证件核验'),
        verdict(false, '无法核验', null, [err.message]),
        complaint(null),
        howToVerify(),
      ],
    };
  }
  const o = c.officer;
  const headline = c.valid ? '证件有效' : '证件无效';
  return {
    title: `执法证件核验：${o.name} ${headline}`,
    announce: `${o.name}的行政执法证件${c.valid ? '今日有效' : `无效：${c.reasons.map((r) => r.message).join('；')}`}`,
    content: [
      h('h1', null, '执法证件核验'),
      verdict(
        c.valid,
        headline,
        c.checkedOn,
        c.valid ? ['持证人可在证件载明的执法类别和区域内从事行政执法活动。'] : c.reasons.map((r) => r.message),
      ),
      h(
        'section',
        { class: 'card credential-holder', 'aria-labelledby': 'holder-heading' },
        h('h2', { id: 'holder-heading' }, '持证人信息'),
        fields([
          ['姓名', h('strong', { class: 'credential-name' }, o.name)],
          ['执法主体', o.agencyName],
          ['执法证号', h('span', { class: 'mono' }, o.credentialNo)],
          ['执法类别', o.fields.map((f) => f.label).join('、') || '—'],
          ['执法区域', o.regionName ?? o.regionCode],
          ['有效期至', o.validTo ? chineseDate(o.validTo) : '—'],
        ]),
      ),
      complaint(c.agency),
      howToVerify(),
    ],
  };
}
