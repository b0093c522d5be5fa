/**
 * Printouts of 事中公示: the 岗位信息公示牌 for a service window (A4 landscape, one to four officers) and
 * 执法证件核验二维码 cards (A4 sheets of credit-card sized cards to cut out and wear with the credential).
 * pdfkit with the instruments' embedded Noto Serif SC; QR codes are drawn as vector modules, so they
 * stay sharp at any print size.
 */
import { FIELD_LABELS, type Field } from '@sanxiang/domain';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { loadFonts } from '../instruments/render/pdfRender.js';

type Doc = PDFKit.PDFDocument;

const BLUE = '#1f4e9c';
const RED = '#c8161d';
const INK = '#1a1a1a';
const GREY = '#5c6370';
const LINE = '#b9c3d6';
const MM = 72 / 25.4;

export interface PrintOfficer {
  name: string;
  post: string;
  unitName: string | null;
  credentialNo: string | null;
  validTo: string | null;
  fields: readonly string[];
  /** The public check address, or null when the officer holds no credential. */
  checkUrl: string | null;
  validToday: boolean;
}

export interface PostBoard {
  agencyName: string;
  windowName: string;
  business: string;
  duties: string;
  progressQuery: string;
  officePhone: string;
  complaintPhone: string;
  portalUrl: string;
  /** Asia/Shanghai date of printing, YYYY-MM-DD. */
  date: string;
  officers: PrintOfficer[];
}

export const chineseDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

const fieldText = (fields: readonly string[]) => fields.map((f) => FIELD_LABELS[f as Field] ?? f).join('、') || '—';

function newDoc(layout: 'portrait' | 'landscape', title: string, author: string): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Author: author, Creator: 'sanxiang', Producer: 'sanxiang' },
  });
  const { regular, bold } = loadFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** A QR code of `text`, `size` points square with its quiet zone inside, as filled vector modules. */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const s = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // A hair of overlap so neighbouring modules print without white seams.
      if (qr.modules.data[r * n + c]) doc.rect(x + (c + quiet) * s, y + (r + quiet) * s, s + 0.05, s + 0.05);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

function text(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  o: {
    size: number;
    bold?: boolean;
    color?: string;
    width?: number;
    align?: 'left' | 'center' | 'right';
    spacing?: number;
    height?: number;
  },
) {
  doc
    .font(o.bold ? 'bold' : 'regular')
    .fontSize(o.size)
    .fillColor(o.color ?? INK)
    .text(value, x, y, {
      width: o.width,
      align: o.align ?? 'left',
      characterSpacing: o.spacing ?? 0,
      height: o.height,
      ellipsis: o.height ? '…' : undefined,
      lineGap: o.size * 0.25,
    });
}

function textHeight(doc: Doc, value: string, width: number, size: number, bold = false) {
  doc.font(bold ? 'bold' : 'regular').fontSize(size);
  return doc.heightOfString(value, { width, lineGap: size * 0.25 });
}

// ------------------------------------------------------------------------------ 岗位信息公示牌

/** 岗位信息公示牌 (seed 002 五(2), seed 004 3(2)): window, business, staff identity, progress, consultation, complaints. */
export function renderPostBoard(board: PostBoard): Promise<Buffer> {
  const { doc, done } = newDoc('landscape', `岗位信息公示牌（${board.windowName}）`, board.agencyName);
  const W = doc.page.width;
  const H = doc.page.height;
  const M = 26;
  const inner = { x: M + 10, w: W - 2 * (M + 10) };

  // Frame: a heavy outer rule and a fine inner one, as enamel window boards have.
  doc
    .lineWidth(3)
    .strokeColor(BLUE)
    .rect(M, M, W - 2 * M, H - 2 * M)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(M + 5, M + 5, W - 2 * M - 10, H - 2 * M - 10)
    .stroke();

  // Header band.
  const headY = M + 5;
  const headH = 82;
  doc.rect(M + 5, headY, W - 2 * M - 10, headH).fill(BLUE);
  text(doc, board.agencyName, inner.x, headY + 12, {
    size: 15,
    color: '#ffffff',
    width: inner.w,
    align: 'center',
    spacing: 2,
  });
  text(doc, '岗位信息公示牌', inner.x, headY + 34, {
    size: 30,
    bold: true,
    color: '#ffffff',
    width: inner.w,
    align: 'center',
    spacing: 8,
  });

  // Window name and business.
  let y = headY + headH + 14;
  text(doc, board.windowName, inner.x, y, { size: 22, bold: true, color: BLUE, width: inner.w * 0.42 });
  if (board.business) {
    text(doc, `办理业务：${board.business}`, inner.x + inner.w * 0.42, y + 5, {
      size: 12,
      width: inner.w * 0.58,
      align: 'right',
      color: INK,
      height: 40,
    });
  }
  y += 36;
  doc
    .lineWidth(1)
    .strokeColor(BLUE)
    .moveTo(inner.x, y)
    .lineTo(inner.x + inner.w, y)
    .stroke();
  y += 9;
  if (board.duties) {
    const h = Math.min(48, textHeight(doc, `岗位职责：${board.duties}`, inner.w, 12));
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(BLUE)
      .text('岗位职责：', inner.x, y, { continued: true, lineGap: 3, width: inner.w, height: 48, ellipsis: '…' });
    doc.font('regular').fillColor(INK).text(board.duties);
    y += h + 10;
  }

  // Staff cards.
  const footH = 100;
  const cardsBottom = H - M - 5 - footH - 10;
  const n = board.officers.length;
  const gap = 14;
  const cardW = (inner.w - gap * (n - 1)) / n;
  const cardH = cardsBottom - y;
  board.officers.forEach((o, i) => {
    staffCard(doc, o, inner.x + i * (cardW + gap), y, cardW, cardH);
  });

  // Footer: progress, consultation, complaints.
  const footY = H - M - 5 - footH;
  doc.rect(M + 5, footY, W - 2 * M - 10, footH).fill('#eef3fb');
  doc
    .lineWidth(0.8)
    .strokeColor(BLUE)
    .moveTo(M + 5, footY)
    .lineTo(W - M - 5, footY)
    .stroke();
  const colW = inner.w / 3;
  const items: [string, string, string][] = [
    ['办理进度查询', board.progressQuery || '凭受理回执在本窗口查询', INK],
    ['咨询服务', board.officePhone ? `咨询电话 ${board.officePhone}` : '请在本窗口咨询', INK],
    ['投诉举报', board.complaintPhone ? `投诉举报电话 ${board.complaintPhone}` : '请向本机关投诉举报', RED],
  ];
  items.forEach(([label, value, color], i) => {
    const x = inner.x + i * colW;
    text(doc, label, x + 8, footY + 12, { size: 12, bold: true, color: BLUE, width: colW - 16 });
    text(doc, value, x + 8, footY + 32, {
      size: i === 2 ? 15 : 13,
      bold: i === 2,
      color,
      width: colW - 16,
      height: 36,
    });
    if (i > 0)
      doc
        .lineWidth(0.5)
        .strokeColor(LINE)
        .moveTo(x, footY + 10)
        .lineTo(x, footY + 64)
        .stroke();
  });
  text(
    doc,
    `执法人员身份可扫描上方二维码，在官方网站 ${board.portalUrl} 核验；二维码打开的网址不属于该网站的，请勿相信并及时举报。公示日期：${chineseDate(board.date)}`,
    inner.x + 8,
    footY + 72,
    { size: 9, color: GREY, width: inner.w - 16, height: 26 },
  );

  doc.end();
  return done;
}

function staffCard(doc: Doc, o: PrintOfficer, x: number, y: number, w: number, h: number) {
  doc.lineWidth(0.8).strokeColor(LINE).roundedRect(x, y, w, h, 4).stroke();
  const pad = 12;
  const wide = w > 300;
  /** One officer fills the board: everything larger, readable across the hall. */
  const k = w > 600 ? 1.4 : 1;
  // Photo: there is no photo storage yet, so the board leaves a frame for the official photo to be pasted in.
  const photoW = wide ? 25 * MM * k : Math.min(20 * MM, (w - 2 * pad) / 2.4);
  const photoH = photoW * 1.32;
  doc.save();
  doc
    .lineWidth(0.6)
    .strokeColor('#9aa4b5')
    .dash(3, { space: 2 })
    .rect(x + pad, y + pad, photoW, photoH)
    .stroke();
  doc.restore();
  doc.undash();
  text(doc, '照片', x + pad, y + pad + photoH / 2 - 6, { size: 9, color: '#9aa4b5', width: photoW, align: 'center' });

  // QR code: right of the details on a wide card, right of the photo on a narrow one.
  const qrSize = wide ? Math.min(h - 2 * pad - 16, 118 * k) : photoH;
  const qrX = x + w - pad - qrSize;
  const qrY = y + pad;
  if (o.checkUrl) {
    drawQr(doc, o.checkUrl, qrX, qrY, qrSize);
    text(doc, '扫码核验执法身份', qrX - 10, qrY + qrSize + 2, {
      size: 9,
      color: BLUE,
      width: qrSize + 20,
      align: 'center',
    });
  } else {
    doc.lineWidth(0.5).strokeColor(LINE).rect(qrX, qrY, qrSize, qrSize).stroke();
    text(doc, '未持执法证件\n不从事执法活动', qrX, qrY + qrSize / 2 - 12, {
      size: 8.5,
      color: GREY,
      width: qrSize,
      align: 'center',
    });
  }

  const infoX = wide ? x + pad + photoW + 14 : x + pad;
  const infoW = wide ? qrX - 14 - infoX : w - 2 * pad;
  let iy = wide ? y + pad : y + pad + photoH + 18;
  const nameSize = wide ? 24 * k : 20;
  text(doc, o.name, infoX, iy, { size: nameSize, bold: true, width: infoW, spacing: 2, height: nameSize * 1.4 });
  iy += nameSize * 1.45;
  text(doc, o.post || '工作人员', infoX, iy, { size: 12 * k, color: BLUE, width: infoW, height: 16 * k });
  iy += 18 * k;
  if (o.unitName) {
    text(doc, o.unitName, infoX, iy, { size: 10 * k, color: GREY, width: infoW, height: 14 * k });
    iy += 16 * k;
  }
  iy += 6;
  const rows: [string, string][] = [
    ['执法证号', o.credentialNo ?? '—'],
    ['有效期至', o.validTo ? chineseDate(o.validTo) : '—'],
    ['执法类别', fieldText(o.fields)],
  ];
  const labelW = 52 * k;
  const bottom = y + h - pad;
  for (const [label, value] of rows) {
    if (iy > bottom - 14) break;
    const vh = Math.min(textHeight(doc, value, infoW - labelW, 10.5 * k, true), bottom - iy);
    text(doc, label, infoX, iy + 0.5, { size: 10 * k, color: GREY, width: labelW });
    text(doc, value, infoX + labelW, iy, { size: 10.5 * k, bold: true, width: infoW - labelW, height: vh + 1 });
    iy += Math.max(17 * k, vh + 4);
  }
}

// ------------------------------------------------------------------------------ 证件核验二维码卡

export interface CredentialCard extends PrintOfficer {
  agencyName: string;
  checkUrl: string;
}

/** Cards of 85.6 × 54 mm (the size of an ID card), ten to an A4 sheet, with dashed cutting lines. */
export function renderCredentialCards(cards: CredentialCard[], date: string): Promise<Buffer> {
  const { doc, done } = newDoc('portrait', '执法证件核验二维码', cards[0]?.agencyName ?? '');
  const cw = 85.6 * MM;
  const ch = 54 * MM;
  const cols = 2;
  const rows = 5;
  const gx = 8 * MM;
  const gy = 4 * MM;
  const left = (doc.page.width - cols * cw - (cols - 1) * gx) / 2;
  const top = (doc.page.height - rows * ch - (rows - 1) * gy) / 2 + 6;
  cards.forEach((card, i) => {
    const k = i % (cols * rows);
    if (i > 0 && k === 0) doc.addPage();
    if (k === 0) {
      text(
        doc,
        `执法证件核验二维码　沿虚线剪下，与行政执法证件一同佩戴　打印日期：${chineseDate(date)}`,
        left,
        top - 22,
        {
          size: 8,
          color: GREY,
          width: cols * cw + gx,
          align: 'center',
        },
      );
    }
    const x = left + (k % cols) * (cw + gx);
    const y = top + Math.floor(k / cols) * (ch + gy);
    credentialCard(doc, card, x, y, cw, ch);
  });
  doc.end();
  return done;
}

function credentialCard(doc: Doc, c: CredentialCard, x: number, y: number, w: number, h: number) {
  doc.save();
  doc.lineWidth(0.5).strokeColor('#8a8f99').dash(4, { space: 3 }).rect(x, y, w, h).stroke();
  doc.restore();
  doc.undash();
  const band = 20;
  doc.rect(x + 0.5, y + 0.5, w - 1, band).fill(BLUE);
  text(doc, '行政执法证件核验', x, y + 4, {
    size: 10.5,
    bold: true,
    color: '#ffffff',
    width: w,
    align: 'center',
    spacing: 3,
  });
  const qrSize = h - band - 12;
  drawQr(doc, c.checkUrl, x + 5, y + band + 6, qrSize);
  const tx = x + 5 + qrSize + 6;
  const tw = x + w - 6 - tx;
  let ty = y + band + 8;
  text(doc, c.name, tx, ty, { size: 14, bold: true, width: tw, height: 20, spacing: 1 });
  ty += 21;
  text(doc, c.agencyName, tx, ty, { size: 7.5, color: INK, width: tw, height: 20 });
  ty += Math.min(20, textHeight(doc, c.agencyName, tw, 7.5)) + 3;
  text(doc, `证号 ${c.credentialNo ?? ''}`, tx, ty, { size: 7.5, bold: true, width: tw, height: 11 });
  ty += 11;
  text(doc, `有效期至 ${c.validTo ? chineseDate(c.validTo) : '—'}`, tx, ty, { size: 7.5, width: tw, height: 11 });
  text(doc, '手机扫码，核对网址为官方网站，\n页面显示“有效”且姓名相符方可确认', tx, y + h - 24, {
    size: 6,
    color: GREY,
    width: tw,
    height: 20,
  });
}
