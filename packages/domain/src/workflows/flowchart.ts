import type { StepDefinition, WorkflowDefinition } from './workflowTypes.js';

/**
 * The procedure's flowchart (执法流程图) drawn from its definition, never by hand. The main path
 * (states reached by non-branch steps) runs down the left column; states reached only by branch
 * steps (不予立案, 听证, 移送) sit in a second column beside the state they leave from; steps that
 * record something without changing the state are listed inside their state's box. Plain SVG with
 * no script, so the public portal can show it as is.
 */
export function flowchartSvg(definition: WorkflowDefinition): string {
  const W = 250;
  const ROW = 92;
  const TOP = 78;
  const X0 = 40;
  const X1 = X0 + W + 170;
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const who = (s: StepDefinition) => (s.roles.every((r) => r === 'head') ? '（负责人）' : '');

  // The main path: states reached from the initial one by non-branch steps, in definition order.
  const main = new Set([definition.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of definition.steps) {
      if (s.branch || !s.to || main.has(s.to) || !s.from.some((f) => main.has(f))) continue;
      main.add(s.to);
      grew = true;
    }
  }
  const mainStates = definition.states.filter((s) => main.has(s.id));
  const pos = new Map<string, { x: number; y: number; row: number }>();
  mainStates.forEach((s, row) => {
    pos.set(s.id, { x: X0, y: TOP + row * ROW, row });
  });
  const taken = new Set<number>();
  for (const s of definition.states.filter((st) => !main.has(st.id))) {
    const source = definition.steps.find((step) => step.to === s.id)?.from.find((f) => main.has(f));
    let row = pos.get(source ?? '')?.row ?? 0;
    while (taken.has(row)) row++;
    taken.add(row);
    pos.set(s.id, { x: X1, y: TOP + row * ROW, row });
  }

  const loops = new Map<string, string[]>();
  const edges = new Map<string, { from: string; to: string; labels: string[]; branch: boolean }>();
  for (const step of definition.steps) {
    for (const from of step.from) {
      const to = step.to ?? from;
      if (to === from) {
        loops.set(from, [...(loops.get(from) ?? []), step.label + who(step)]);
        continue;
      }
      const key = `${from}>${to}`;
      const edge = edges.get(key) ?? { from, to, labels: [], branch: step.branch === true };
      edge.labels.push(step.label + who(step));
      edge.branch &&= step.branch === true;
      edges.set(key, edge);
    }
  }

  const boxH = (id: string) => (loops.has(id) ? 58 : 40);
  const parts: string[] = [];
  const labels: string[] = [];
  let lane = 0;
  const rows = Math.max(...[...pos.values()].map((p) => p.row)) + 1;
  for (const e of edges.values()) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    const cls = e.branch ? 'branch' : 'arrow';
    const text = esc(e.labels.join('、'));
    if (a.x === b.x && a.x === X0 && b.row === a.row + 1) {
      const cx = X0 + W / 2;
      parts.push(
        `<line x1="${cx}" y1="${a.y + boxH(e.from)}" x2="${cx}" y2="${b.y - 2}" class="${cls}" marker-end="url(#head)"/>`,
      );
      labels.push(`<text x="${cx + 8}" y="${(a.y + boxH(e.from) + b.y) / 2 + 5}" class="step">${text}</text>`);
    } else if (a.x === X0 && b.x === X1 && a.row === b.row) {
      const y = a.y + 20;
      parts.push(`<line x1="${X0 + W}" y1="${y}" x2="${X1 - 2}" y2="${y}" class="${cls}" marker-end="url(#head)"/>`);
      labels.push(`<text x="${X0 + W + 8}" y="${y - 6}" class="branchStep">${text}</text>`);
    } else if (a.x === X1 && b.x === X0 && a.row === b.row) {
      const y = a.y + 30;
      parts.push(`<line x1="${X1}" y1="${y}" x2="${X0 + W + 2}" y2="${y}" class="${cls}" marker-end="url(#head)"/>`);
      labels.push(`<text x="${X0 + W + 8}" y="${y + 14}" class="branchStep">${text}</text>`);
    } else {
      // Elbow through a lane between or right of the columns, one lane per edge.
      const rightward = b.x > a.x || (a.x === X1 && b.x === X1);
      const laneX = a.x === X0 && b.x === X0 ? X0 + W + 18 + lane * 12 : X1 + W + 18 + lane * 12;
      lane++;
      const sy = a.y + 20 + (rightward ? 0 : 6);
      const ey = b.y + 20 + (rightward ? 6 : 0);
      const endX = b.x === X0 ? X0 + W + 2 : b.x === X1 && a.x === X0 ? X1 - 2 : X1 + W + 2;
      const startX = a.x + W;
      const path =
        b.x === X1 && a.x === X0
          ? `M ${startX} ${sy} H ${(X0 + W + X1) / 2} V ${ey} H ${endX}`
          : `M ${startX} ${sy} H ${laneX} V ${ey} H ${endX}`;
      parts.push(`<path d="${path}" class="branch" marker-end="url(#head)"/>`);
      const lx = b.x === X1 && a.x === X0 ? (X0 + W + X1) / 2 + 6 : laneX + 6;
      labels.push(`<text x="${lx}" y="${(sy + ey) / 2 + 4}" class="branchStep">${text}</text>`);
    }
  }
  for (const s of definition.states) {
    const p = pos.get(s.id);
    if (!p) continue;
    const h = boxH(s.id);
    parts.push(
      `<rect x="${p.x}" y="${p.y}" width="${W}" height="${h}" rx="${s.terminal ? 20 : 4}" class="${s.terminal ? 'terminal' : 'state'}" data-state="${s.id}"/>`,
      `<text x="${p.x + W / 2}" y="${p.y + 25}" text-anchor="middle" class="stateLabel" data-state="${s.id}">${esc(s.label)}</text>`,
    );
    const inside = loops.get(s.id);
    if (inside) {
      const line = `可办理：${inside.join('、')}`;
      const cut = line.length > 21 ? `${line.slice(0, 20)}…` : line;
      parts.push(
        `<text x="${p.x + W / 2}" y="${p.y + 46}" text-anchor="middle" class="loop"><title>${esc(line)}</title>${esc(cut)}</text>`,
      );
    }
  }
  const width = X1 + W + 40 + lane * 12 + 120;
  const height = TOP + rows * ROW + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(definition.name)}流程图">`,
    '<style>.state{fill:#fff;stroke:#1f4e79;stroke-width:1.5}.terminal{fill:#eef3f8;stroke:#1f4e79;stroke-width:1.5}',
    '.stateLabel{font:15px "Noto Serif SC","Songti SC",SimSun,serif;fill:#111}.step{font:13px sans-serif;fill:#1f4e79}',
    '.loop{font:11px sans-serif;fill:#666}.branchStep{font:12px sans-serif;fill:#555}',
    '.arrow{stroke:#1f4e79;stroke-width:1.5}.branch{fill:none;stroke:#8a8a8a;stroke-width:1.2;stroke-dasharray:5 3}',
    '.title{font:bold 18px "Noto Serif SC",serif}.basis{font:12px sans-serif;fill:#555}</style>',
    '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f4e79"/></marker></defs>',
    `<text x="${X0}" y="28" class="title">${esc(definition.name)}流程图</text>`,
    `<text x="${X0}" y="50" class="basis">依据：${esc(definition.basis)}　实线为主要流程，虚线为特定情形</text>`,
    ...parts,
    ...labels,
    '</svg>',
  ].join('\n');
}
