/**
 * Every instrument type renders to DOCX and PDF from its one layout, and both renderings carry all of
 * the layout's text: the title, the number and a long sentence of the facts (a dropped glyph anywhere
 * in it fails the comparison). PDF text is read back with poppler's pdftotext when it is installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  ARCHIVE_ORDER,
  INSTRUMENT_CATALOG,
  INSTRUMENT_TYPES,
  type InstrumentLayout,
  type InstrumentType,
  layoutText,
  NUMBER_PLACEHOLDER,
  PAGE_MARGINS_CM,
  validateInstrumentFields,
} from '@sanxiang/domain';
import { strFromU8, unzipSync } from 'fflate';
import {
  capitalYuan,
  chineseDateTime,
  chineseNumeralDate,
  yuanToFen,
} from '../../../packages/domain/src/instruments/layouts/layoutParts.js';
import { renderDocx } from '../src/modules/instruments/render/docxRender.js';
import { renderPdf } from '../src/modules/instruments/render/pdfRender.js';
import { FACTS_PROBE, instrumentContext, PERSON } from './support/instrumentFixture.js';

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
if (!HAS_PDFTOTEXT) {
  console.log('# pdftotext (poppler-utils) not installed: PDF text is not compared, only size and header checked');
}

/** Whitespace (including U+3000 and line breaks) removed, so wrapped lines compare as one string. */
const squash = (s: string) => s.replace(/\s+/gu, '');

/** pdftotext of the PDF, whitespace squashed; `region` crops each page (points from the top). */
function pdfText(pdf: Buffer, region?: { top: number; height: number }, layoutMode = false): string {
  const crop = region ? ['-x', '0', '-y', String(region.top), '-W', '600', '-H', String(region.height)] : [];
  const args = [...crop, ...(layoutMode ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'];
  const r = spawnSync('pdftotext', args, { input: pdf, maxBuffer: 16 << 20 });
  assert.equal(r.status, 0, r.stderr?.toString());
  return squash(r.stdout.toString('utf8'));
}

const A4_HEIGHT = 842;
const CM = 72 / 2.54;

/** The text inside the margins (so a paragraph broken across pages reads as one) and the footer band. */
function pdfParts(pdf: Buffer, layout: InstrumentLayout): { body: string; furniture: string } {
  const bottom = Math.floor(A4_HEIGHT - PAGE_MARGINS_CM[layout.style].bottom * CM);
  return {
    body: pdfText(pdf, { top: 0, height: bottom }),
    furniture: pdfText(pdf, { top: bottom, height: A4_HEIGHT - bottom }, true),
  };
}

/**
 * Whether `text` holds `s`. A string with wide blanks in it (　　年　　月　　日) is drawn as pieces that
 * pdftotext reads as separate blocks, so each piece is looked for on its own.
 */
function holds(text: string, s: string): boolean {
  return s
    .split(/\s+/u)
    .filter((p) => p.length > 0)
    .every((p) => text.includes(p));
}

function docxText(docx: Buffer): string {
  const files = unzipSync(new Uint8Array(docx));
  const xml = ['word/document.xml', 'word/footer1.xml']
    .map((name) => files[name])
    .flatMap((f) => (f ? [strFromU8(f)] : []))
    .join('');
  return squash(
    xml
      .replace(/<[^>]+>/g, '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&'),
  );
}

/** Types whose layout prints the statement of facts. */
const PRINTS_FACTS = new Set<InstrumentType>([
  'priorNotice',
  'penaltyDecision',
  'decisionApproval',
  'investigationReport',
  'deliberationRecord',
]);

describe('instrument renderings', () => {
  for (const type of INSTRUMENT_TYPES) {
    it(`${type} (${INSTRUMENT_CATALOG[type].name}): DOCX and PDF carry the layout's text`, async () => {
      const layout = INSTRUMENT_CATALOG[type].layout(instrumentContext(type));
      const [docx, pdf] = await Promise.all([renderDocx(layout), renderPdf(layout)]);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(pdf.length < 1.5 * 1024 * 1024, `PDF is ${pdf.length} bytes`);
      assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');

      const must = [layout.agencyName, layout.title];
      if (layout.showNumber !== false) must.push(layout.number ?? '');
      if (PRINTS_FACTS.has(type)) must.push(FACTS_PROBE);
      // Everything else the layout prints, down to each cell and signature label.
      const body = [...new Set([...must, ...layoutText(layout)])].filter((s) => s !== layout.footer && squash(s));

      const fromDocx = docxText(docx);
      for (const s of [...body, layout.footer ?? '']) assert.ok(fromDocx.includes(squash(s)), `DOCX lacks “${s}”`);
      if (HAS_PDFTOTEXT) {
        const pdfTextOf = pdfParts(pdf, layout);
        for (const s of body) assert.ok(holds(pdfTextOf.body, s), `PDF lacks “${s}”`);
        if (layout.footer) assert.ok(pdfTextOf.furniture.includes(squash(layout.footer)), 'PDF lacks the footer');
      }
    });
  }

  it('a natural person is addressed with name, resident ID and gender', async () => {
    const layout = INSTRUMENT_CATALOG.penaltyDecision.layout(instrumentContext('penaltyDecision', { party: 'person' }));
    const text = layoutText(layout).join('');
    assert.ok(text.includes('公民身份号码') && text.includes(PERSON.idNumber) && text.includes('男'));
    assert.ok(!text.includes('统一社会信用代码'));
    const fromDocx = docxText(await renderDocx(layout));
    assert.ok(fromDocx.includes(PERSON.idNumber));
    assert.ok(fromDocx.includes('你如不服本决定'));
  });

  it('a decision states payment within 15 days, 3% per day, 复议 60 days and 诉讼 6 months', () => {
    const text = layoutText(INSTRUMENT_CATALOG.penaltyDecision.layout(instrumentContext('penaltyDecision'))).join('');
    for (const s of [
      '十五日内',
      '中国农业银行示例县支行',
      '百分之三加处罚款',
      '第七十二条',
      '六十日内向示例县人民政府申请行政复议',
      '六个月内依法向示例县人民法院提起行政诉讼',
      '罚款人民币50,000元（大写：伍万元整）',
      '二〇二六年十一月二十三日',
    ]) {
      assert.ok(text.includes(s), s);
    }
  });

  it('a draft prints a blank number', async () => {
    const layout = INSTRUMENT_CATALOG.priorNotice.layout(instrumentContext('priorNotice', { number: null }));
    assert.equal(layout.number, null);
    assert.ok(docxText(await renderDocx(layout)).includes(squash(NUMBER_PLACEHOLDER)));
  });

  it('renders the same bytes for the same layout', async () => {
    const layout = INSTRUMENT_CATALOG.penaltyDecision.layout(instrumentContext('penaltyDecision'));
    assert.deepEqual(await renderPdf(layout), await renderPdf(layout));
    assert.deepEqual(await renderDocx(layout), await renderDocx(layout));
  });

  it('transcripts carry the signature footer and page numbers on every page', async () => {
    const layout = INSTRUMENT_CATALOG.inquiryRecord.layout(instrumentContext('inquiryRecord'));
    assert.equal(layout.pageNumbers, true);
    if (!HAS_PDFTOTEXT) return;
    const text = pdfParts(await renderPdf(layout), layout).furniture;
    const pages = Number(/共(\d+)页/.exec(text)?.[1]);
    assert.ok(pages >= 1);
    for (let p = 1; p <= pages; p++) assert.ok(text.includes(`第${p}页共${pages}页`), `page ${p}`);
    assert.equal(text.split('被询问人签名：年月日').length - 1, pages);
  });
});

describe('instrument catalog', () => {
  it('defines every type once, with distinct number words', () => {
    assert.deepEqual(Object.keys(INSTRUMENT_CATALOG).sort(), [...INSTRUMENT_TYPES].sort());
    for (const [type, def] of Object.entries(INSTRUMENT_CATALOG)) assert.equal(def.type, type);
    const words = Object.values(INSTRUMENT_CATALOG).map((d) => d.numberWord);
    assert.equal(new Set(words).size, words.length);
  });

  it('orders the case file: cover, index, filing … closing', () => {
    assert.deepEqual([...ARCHIVE_ORDER].sort(), [...INSTRUMENT_TYPES].sort());
    assert.deepEqual(ARCHIVE_ORDER.slice(0, 3), ['archiveCover', 'archiveIndex', 'filingApproval']);
    assert.equal(ARCHIVE_ORDER.at(-1), 'closingApproval');
    const at = (t: InstrumentType) => ARCHIVE_ORDER.indexOf(t);
    assert.ok(at('investigationReport') < at('priorNotice'));
    assert.ok(at('priorNotice') < at('hearingRecord'));
    assert.ok(at('deliberationRecord') < at('decisionApproval'));
    assert.ok(at('decisionApproval') < at('penaltyDecision'));
    assert.ok(at('penaltyDecision') < at('serviceReceipt'));
    assert.ok(at('serviceReceipt') < at('paymentDemand'));
  });

  it('accepts the fixture forms and names what is missing or malformed', () => {
    for (const type of INSTRUMENT_TYPES) {
      assert.deepEqual(validateInstrumentFields(type, instrumentContext(type).fields), [], type);
    }
    assert.deepEqual(validateInstrumentFields('inspectionRecord', {}).slice(0, 1), [
      { key: 'startAt', message: '请选择“开始时间”' },
    ]);
    assert.ok(
      validateInstrumentFields('inspectionRecord', {}).some(
        (p) => p.key === 'findings' && p.message === '请填写“检查情况”',
      ),
    );
    const seizure = { ...instrumentContext('seizureDecision').fields };
    assert.deepEqual(validateInstrumentFields('seizureDecision', { ...seizure, durationDays: '31' }), [
      { key: 'durationDays', message: '“期限（日）”不得大于30' },
    ]);
    assert.deepEqual(validateInstrumentFields('seizureDecision', { ...seizure, startDate: '2026-02-30' }), [
      { key: 'startDate', message: '“起始日期”不是有效的日期' },
    ]);
    const inquiry = instrumentContext('inquiryRecord').fields;
    assert.deepEqual(validateInstrumentFields('inquiryRecord', { ...inquiry, endAt: '2026-09-13T08:00' }), [
      { key: 'endAt', message: '“结束时间”不得早于开始时间' },
    ]);
    assert.deepEqual(
      validateInstrumentFields('paymentDemand', { ...instrumentContext('paymentDemand').fields, unpaidYuan: '5万' }),
      [{ key: 'unpaidYuan', message: '“未缴罚款（元）”应为金额（元），最多两位小数' }],
    );
    assert.deepEqual(
      validateInstrumentFields('serviceReceipt', {
        ...instrumentContext('serviceReceipt').fields,
        serviceMethod: '捎带',
      }),
      [{ key: 'serviceMethod', message: '“送达方式”的选项无效' }],
    );
  });
});

describe('instrument wording', () => {
  it('writes seal dates in Chinese numerals', () => {
    assert.equal(chineseNumeralDate('2026-11-23'), '二〇二六年十一月二十三日');
    assert.equal(chineseNumeralDate('2027-01-10'), '二〇二七年一月十日');
    assert.equal(chineseNumeralDate('2030-10-31'), '二〇三〇年十月三十一日');
    assert.equal(chineseNumeralDate('2026-12-05'), '二〇二六年十二月五日');
    assert.equal(chineseDateTime('2026-09-13T09:05'), '2026年9月13日9时5分');
  });

  it('writes amounts in capitals', () => {
    assert.equal(capitalYuan(5_000_000), '伍万元整');
    assert.equal(capitalYuan(123_456), '壹仟贰佰叁拾肆元伍角陆分');
    assert.equal(capitalYuan(10_010_000), '壹拾万零壹佰元整');
    assert.equal(capitalYuan(100_000_000_00), '壹亿元整');
    assert.equal(capitalYuan(10_050_000_000), '壹亿零伍拾万元整');
    assert.equal(capitalYuan(10_005_000_000), '壹亿零伍万元整');
    assert.equal(capitalYuan(100_000_100), '壹佰万零壹元整');
    assert.equal(capitalYuan(20_000), '贰佰元整');
    assert.equal(capitalYuan(1_005), '壹拾元零伍分');
    assert.equal(capitalYuan(0), '零元整');
    assert.equal(yuanToFen('1234.5'), 123_450);
    assert.equal(yuanToFen('1,234'), null);
  });
});
