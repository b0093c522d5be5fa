/**
 * Instrument rendering benchmark: 行政处罚决定书 (three pages, a 330-character statement of facts, the
 * party block, payment and relief clauses and the seal) rendered to DOCX and to PDF, against a baseline
 * of a minimal instrument (title and one sentence) that measures each renderer's fixed cost per
 * document: packing the DOCX zip, parsing and subsetting the Noto Serif SC font for the PDF.
 *
 *   node --import tsx bench/instruments.ts            N = 20 renderings per run, median of 5 runs
 *   N=50 node --import tsx bench/instruments.ts
 */

import type { InstrumentLayout } from '@sanxiang/domain';
import { INSTRUMENT_CATALOG } from '@sanxiang/domain';
import { renderDocx } from '../apps/server/src/modules/instruments/render/docxRender.js';
import { renderPdf } from '../apps/server/src/modules/instruments/render/pdfRender.js';
import { instrumentContext } from '../apps/server/test/support/instrumentFixture.js';

const N = Number(process.env.N ?? 20);
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

type Renderer = (layout: InstrumentLayout) => Promise<Buffer>;

/** Documents per second of each run, one rendering after another (as a request handler would). */
async function rates(render: Renderer, layout: InstrumentLayout): Promise<{ perSecond: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = (await render(layout)).length; // warm-up: JIT, font bytes in cache
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await render(layout);
    runs.push(N / ((performance.now() - t0) / 1000));
  }
  return { perSecond: median(runs), bytes };
}

const decision = INSTRUMENT_CATALOG.penaltyDecision.layout(instrumentContext('penaltyDecision'));
const minimal: InstrumentLayout = {
  title: decision.title,
  agencyName: decision.agencyName,
  number: decision.number,
  date: decision.date,
  style: 'document',
  blocks: [{ kind: 'paragraph', text: '经查，当事人存在违法行为。' }],
};

const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.error(s);
};

for (const [name, render] of [
  ['DOCX', renderDocx],
  ['PDF', renderPdf],
] as const) {
  const full = await rates(render, decision);
  const base = await rates(render, minimal);
  say(
    `${name}: 行政处罚决定书 ${full.perSecond.toFixed(1)} docs/s (${(1000 / full.perSecond).toFixed(1)} ms each, ` +
      `${(full.bytes / 1024).toFixed(0)} KB); baseline one-sentence instrument ${base.perSecond.toFixed(1)} docs/s ` +
      `(${(1000 / base.perSecond).toFixed(1)} ms, ${(base.bytes / 1024).toFixed(0)} KB)`,
  );
}
const rss = Math.round(process.memoryUsage().rss / 1048576);
console.log(
  `\nInstrument rendering benchmark (Node ${process.version}, N=${N} per run, median of ${RUNS} runs, RSS ${rss} MB)\n` +
    lines.map((l) => `  ${l}`).join('\n'),
);
