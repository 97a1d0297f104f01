/**
 * Reports as one standalone HTML file: everything escaped, print CSS embedded (page size, margins,
 * running header and "Page X of Y" through @page margin boxes where the browser supports them, no
 * passage split across pages where avoidable), charts as inline SVG with a title and the table as
 * their alternative. No scripts, no external resources: it opens offline and prints as it looks.
 */
import type { InlineNode, MemoBlock } from "../memos/ast";
import type { CodeSummary, HeadingSection, Report, ReportSection, ReportSegment, TableSection, TranscriptBlockSection } from "./model";
import { escapeHtml as e } from "../text/escapeHtml";
import { countsLine, descriptionRows, detailsLine, generatedLine, segmentMeta, segmentPlace } from "./format";
import { barChartSvg, heatmapSvg } from "./svg";
import { codedRuns } from "./transcript";

/** Greyscale cues for stripes, by pattern index: the label names the code, the line style tells lanes apart. */
const STRIPE_STYLES = ["solid", "dashed", "dotted", "double", "groove", "ridge"] as const;
/** The coded words' underline per pattern index (text decoration has no groove or ridge: wavy stands in). */
const UNDERLINE_STYLES = ["solid", "dashed", "dotted", "double", "wavy", "wavy"] as const;

/** Text inside a CSS string in a <style> element: quotes, backslashes, line breaks and angle brackets escaped. */
function cssString(t: string): string {
  return t.replace(/["\\<>&\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}

function css(pageSize: "A4" | "Letter", running: string): string {
  return `
@page { size: ${pageSize}; margin: 20mm 18mm;
  @top-right { content: "${cssString(running)}"; font: 8pt sans-serif; color: #555; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #555; } }
html { font: 11pt/1.45 Calibri, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif; color: #111; }
body { max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; line-height: 1.2; }
h1 { font-size: 16pt; margin: 1.4em 0 .3em; } h2 { font-size: 13pt; margin: 1.1em 0 .2em; } h3 { font-size: 11pt; margin: .9em 0 .15em; }
.title { font-size: 22pt; margin: 0 0 .2em; }
.muted, .details, .meta { color: #555; font-size: 9.5pt; }
p, li, blockquote { orphans: 3; widows: 3; }
blockquote { margin: .3em 0 .2em 1.2em; padding-left: .8em; border-left: 3px solid #777; font-style: italic; break-inside: avoid; }
blockquote .ctx { color: #666; font-style: normal; }
blockquote mark { background: none; font-weight: 700; }
.segment { break-inside: avoid; page-break-inside: avoid; }
.note { margin: .2em 0 .8em 1.2em; }
dl.code { margin: .2em 0; } dl.code dt { font-weight: 700; } dl.code dd { margin: 0 0 .3em 1.2em; white-space: pre-wrap; }
.memo { border: 1px solid #ccc; padding: .3em .8em; margin: .4em 0; break-inside: avoid; }
nav.contents ol { list-style: none; padding-left: 0; } nav.contents ol ol { padding-left: 1.4em; }
table { border-collapse: collapse; margin: .4em 0 1em; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: .15em .4em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; } thead { display: table-header-group; }
svg.chart { display: block; max-width: 100%; height: auto; margin: .4em 0; }
.transcript .block { display: grid; grid-template-columns: 2.2em 1fr var(--lanes-width) 11em; column-gap: .4em; break-inside: avoid; }
.transcript .num { color: #777; font-size: 8pt; text-align: right; padding-top: .2em; }
.transcript .lanes { display: flex; gap: 3px; }
.transcript .lane { width: 0; border-left-width: 4px; border-left-color: transparent; border-left-style: solid; }
${STRIPE_STYLES.map((s, i) => `.transcript .lane.p${i} { border-left-style: ${s}; }`).join("\n")}
.transcript .labels { font-size: 8.5pt; }
.transcript .labels .cont { color: #777; }
.transcript .speaker { font-weight: 700; }
.transcript u { text-decoration-line: underline; text-decoration-thickness: 1pt; text-decoration-skip-ink: none; }
${UNDERLINE_STYLES.map((s, i) => `.transcript u.c${i} { text-decoration-style: ${s}; }`).join("\n")}
${[0, 1, 2, 3].map((d) => `.transcript u.d${d} { text-underline-offset: ${1.5 + d * 2.4}pt; }`).join("\n")}
.legend li { list-style: none; } .legend .swatch { display: inline-block; width: 0; height: 1em; border-left-width: 4px; vertical-align: middle; margin-right: .4em; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;
}

function text(t: string): string {
  return e(t).replace(/\n/g, "<br>");
}

function inline(nodes: readonly InlineNode[]): string {
  return nodes
    .map((n) => {
      if (n.type === "break") return "<br>";
      const runs = n.type === "text" ? [n] : n.children;
      const html = runs
        .map((r) =>
          r.bold ? `<strong>${r.italic ? `<em>${e(r.text)}</em>` : e(r.text)}</strong>` : r.italic ? `<em>${e(r.text)}</em>` : e(r.text),
        )
        .join("");
      return n.type === "link" ? `<span class="link">${html}</span>` : html;
    })
    .join("");
}

function memoBody(blocks: readonly MemoBlock[]): string {
  return blocks
    .map((b) => {
      if (b.type === "paragraph") return `<p>${inline(b.children)}</p>`;
      if (b.type === "heading") return `<p><strong>${inline(b.children)}</strong></p>`;
      const tag = b.ordered ? "ol" : "ul";
      return `<${tag}${b.ordered && b.start !== 1 ? ` start="${b.start}"` : ""}>${b.items.map((i) => `<li>${inline(i.children)}${memoBody(i.sublists)}</li>`).join("")}</${tag}>`;
    })
    .join("");
}

function codeSummary(code: CodeSummary): string {
  const rows = descriptionRows(code);
  const dl = rows.length > 0 ? `<dl class="code">${rows.map((r) => `<dt>${e(r.label)}</dt><dd>${e(r.value)}</dd>`).join("")}</dl>` : "";
  const memos = code.memos
    .map(
      (m) =>
        `<div class="memo"><p><strong>Code memo: ${e(m.title || "Untitled")}</strong> <span class="muted">${e(m.author)}, ${e(m.date)}</span></p>${memoBody(m.blocks)}</div>`,
    )
    .join("");
  return `${dl}<p class="muted">${e(countsLine(code))}</p>${memos}`;
}

function heading(h: HeadingSection): string {
  const tag = `h${h.level}`;
  return `<${tag} id="${e(h.id)}">${e(h.text)}</${tag}>${h.details.length > 0 ? `<p class="details">${e(detailsLine(h.details))}</p>` : ""}${h.code && h.level === 1 ? codeSummary(h.code) : ""}`;
}

function segment(id: string, s: ReportSegment): string {
  const ctx = s.context;
  const quote = ctx
    ? `<span class="ctx">${ctx.clippedBefore ? "… " : ""}${text(ctx.before)}</span><mark>${text(s.text)}</mark><span class="ctx">${text(ctx.after)}${ctx.clippedAfter ? " …" : ""}</span>`
    : text(s.text);
  return `<section class="segment" id="${e(id)}"><h3>${e(segmentPlace(s))}</h3><blockquote>${quote}</blockquote><p class="meta">${e(segmentMeta(s))}</p>${s.note.trim() !== "" ? `<p class="note"><strong>Annotation:</strong> ${text(s.note.trim())}</p>` : ""}</section>`;
}

function table(t: TableSection): string {
  const chart = t.chart === null ? "" : t.chart.kind === "bar" ? barChartSvg(t, t.chart.column) : heatmapSvg(t);
  const head = `<thead><tr><th scope="col">${e(t.rowHeader)}</th>${t.columns.map((c) => `<th scope="col">${e(c)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${t.rows.map((r) => `<tr><th scope="row">${e(r.label)}</th>${r.values.map((v) => `<td class="n">${v}</td>`).join("")}</tr>`).join("")}</tbody>`;
  return `<section id="${e(t.id)}"><h1>${e(t.title)}</h1><p class="muted">${e(t.caption)}</p>${chart}<table><caption class="muted">${e(t.title)} (table)</caption>${head}${body}</table></section>`;
}

/** The block's text with its coded words underlined in each coding's line style and colour (greyscale-safe); the speaker label in bold. */
function markedText(b: TranscriptBlockSection, speakerLength: number): string {
  return codedRuns(b.text.length, b.stripes, speakerLength > 0 ? [speakerLength] : [])
    .map((run) => {
      let html = text(b.text.slice(run.from, run.to));
      if (run.to <= speakerLength) html = `<span class="speaker">${html}</span>`;
      for (const i of run.marks) {
        const s = b.stripes[i];
        if (s)
          html = `<u class="c${s.pattern % STRIPE_STYLES.length} d${s.lane % 4}" style="text-decoration-color:${e(s.colour)}">${html}</u>`;
      }
      return html;
    })
    .join("");
}

function block(b: TranscriptBlockSection, lanes: number): string {
  const laneCells = Array.from({ length: lanes }, (_, lane) => {
    const s = b.stripes.find((x) => x.lane === lane);
    return s
      ? `<span class="lane p${s.pattern}" style="border-left-color:${e(s.colour)}" title="${e(s.codePath)}"></span>`
      : `<span class="lane"></span>`;
  }).join("");
  const labels = b.stripes
    .map(
      (s) =>
        `<div>${s.startsHere ? `<strong>${e(s.codeName)}</strong>` : `<span class="cont">${e(s.codeName)} (cont.)</span>`}${s.noteNumbers.length > 0 ? ` <sup>[${s.noteNumbers.join(", ")}]</sup>` : ""}</div>`,
    )
    .join("");
  let content: string;
  if (b.blockKind === "heading") content = `<h${Math.min(b.level ?? 1, 2)}>${markedText(b, 0)}</h${Math.min(b.level ?? 1, 2)}>`;
  else content = `<p>${markedText(b, b.speaker && b.text.startsWith(b.speaker) ? b.speaker.length : 0)}</p>`;
  return `<div class="block" id="${e(b.id)}"><span class="num" aria-label="paragraph">${b.number}</span><div>${content}</div><div class="lanes" aria-hidden="true">${laneCells}</div><div class="labels">${labels}</div></div>`;
}

function section(s: ReportSection, r: Report): string {
  switch (s.type) {
    case "heading":
      return heading(s);
    case "segment":
      return segment(s.id, s.segment);
    case "text":
      return `<p><em>${text(s.text)}</em></p>`;
    case "codebookEntry": {
      const level = r.header.kind === "codebook" ? Math.min(s.code.depth + 1, 3) : 2;
      return `<section id="${e(s.id)}"><h${level}>${e(r.header.kind === "codebook" ? s.code.name : s.code.path)}</h${level}>${s.code.depth > 0 && r.header.kind === "codebook" ? `<p class="muted">${e(s.code.path)}</p>` : ""}${codeSummary(s.code)}</section>`;
    }
    case "memo":
      return `<section id="${e(s.id)}"><h1>${e(s.memo.title)}</h1><p class="muted">Linked to: ${e(s.target)} · ${e(s.memo.author)} · ${e(s.memo.date)}</p>${memoBody(s.memo.blocks)}</section>`;
    case "notes":
      return `<section id="${e(s.id)}"><h1>${e(s.title)}</h1><ol class="notes">${s.notes.map((n) => `<li value="${n.number}"><span class="muted">${e(n.codePath)}, ${e(n.location)}, ${e(n.coder)}:</span> <em>“${e(n.excerpt)}”</em> ${text(n.text)}</li>`).join("")}</ol></section>`;
    case "table":
      return table(s);
    case "block":
      return block(s, r.header.laneCount);
  }
}

function contents(r: Report): string {
  const entries = r.header.contents;
  if (entries.length < 2) return "";
  let html = "";
  let open = false;
  for (const c of entries) {
    if (c.level === 1) {
      if (open) html += "</ol></li>";
      html += `<li><a href="#${e(c.id)}">${e(c.text)}</a><ol>`;
      open = true;
    } else html += `<li><a href="#${e(c.id)}">${e(c.text)}</a></li>`;
  }
  if (open) html += "</ol></li>";
  return `<nav class="contents" aria-labelledby="contents-title"><h2 id="contents-title">Contents</h2><ol>${html}</ol></nav>`;
}

function legend(r: Report): string {
  if (r.header.legend.length === 0) return "";
  const items = r.header.legend
    .map(
      (l) =>
        `<li><span class="swatch" style="border-left-style:${STRIPE_STYLES[l.pattern % STRIPE_STYLES.length]};border-left-color:${e(l.colour)}"></span>${e(l.codePath)}</li>`,
    )
    .join("");
  return `<section class="legend-box"><h2>Codes in this transcript</h2><ul class="legend">${items}</ul></section>`;
}

/** The report as a standalone HTML document. */
export function reportHtml(report: Report): string {
  const h = report.header;
  const running = `${h.projectName} — ${h.title}`;
  const lanesWidth = `${Math.max(h.laneCount, 0) * 7 + 2}px`;
  const body = report.sections.map((s) => section(s, report)).join("\n");
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Margin">
<title>${e(h.title)} — ${e(h.projectName)}</title>
<style>${css(h.options.pageSize, running)}</style>
</head>
<body class="report report-${h.kind}${h.kind === "transcript" ? " transcript" : ""}" style="--lanes-width:${lanesWidth}">
<header><p class="muted">${e(h.projectName)}</p><h1 class="title">${e(h.title)}</h1><p class="muted">${e(h.subtitle)}</p><p class="muted">${e(generatedLine(h.generatedAt))}</p></header>
${contents(report)}
${legend(report)}
<main>
${body}
</main>
</body>
</html>
`;
}
