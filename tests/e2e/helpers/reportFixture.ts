/**
 * A REFI-QDA project made in code for the report layout tests: an ~8,700-word interview with long
 * paragraphs, a codebook with long code paths (parents with nothing coded directly), three sources with
 * long names, and codings of known text, among them a 69-character coding inside a ~45-line paragraph.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const LONG_CODES = {
  barriers: "Implementation barriers",
  time: "Time pressures on clinical staff during go-live week",
  training: "Training gaps for agency and bank nurses on night shifts",
  facilitators: "Facilitators of adoption",
  champions: "Local digital champions on each ward and their protected time",
  continuity: "Continuity of information between hospital and community teams",
} as const;

/** The short coding in the long paragraph: its stripe must span only its own lines. */
export const SHORT_CODED = "the handover sheet was printed twice and nobody knew which one was live";

export const INTERVIEW_NAME = "Interview 1 – Ward manager, North site, go-live week (long)";
/** The first is a file name without spaces, as sources often are named: it can only wrap mid-word. */
export const OTHER_SOURCES = [
  "Interview_2_chief_clinical_information_officer_trust_board_transcript_final_v2",
  "Interview 3 – District nurse team lead, community services",
];

const VOCAB = (
  "the ward nurses rota system patients training shift alerts record manager pharmacy discharge handover " +
  "medicines screen login delays agency staff consultant bleep night weekend safety incident paper form " +
  "morning round clinic bed flow dashboard champion support desk ticket update prescribing chart"
).split(" ");

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s;
  };
}

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCAB[next() % VOCAB.length] ?? "ward");
  const s = out.join(" ");
  return `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}.`;
}

function paragraph(next: () => number, words: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < words) {
    const w = 8 + (next() % 10);
    out.push(sentence(next, w));
    n += w;
  }
  return out.join(" ");
}

export interface ReportFixture {
  file: string;
  words: number;
}

export function makeReportFixture(): ReportFixture {
  const next = prng(11);
  const lines: string[] = [];
  // Paragraph 2: ~45 printed lines, too long for what is left of page 1 under the title but not for a
  // page, with the short coding a third of the way in.
  lines.push("Interviewer: Can you tell me about the first morning after go-live?");
  lines.push(`P03: ${paragraph(next, 150)} Then ${SHORT_CODED}. ${paragraph(next, 300)}`);
  let words = lines.join(" ").split(/\s+/).length;
  for (let i = 0; words < 8700; i++) {
    const line = i % 2 === 0 ? `Interviewer: ${paragraph(next, 12 + (next() % 20))}` : `P03: ${paragraph(next, 60 + (next() % 200))}`;
    lines.push(line);
    words += line.split(/\s+/).length;
  }
  const text = lines.join("\n");

  const codes = [
    {
      id: 10,
      name: LONG_CODES.barriers,
      colour: "#555555",
      children: [
        { id: 11, name: LONG_CODES.time, colour: "#00A0FF" },
        { id: 12, name: LONG_CODES.training, colour: "#D55E00" },
      ],
    },
    {
      id: 20,
      name: LONG_CODES.facilitators,
      colour: "#777777",
      children: [
        { id: 21, name: LONG_CODES.champions, colour: "#009E73" },
        { id: 22, name: LONG_CODES.continuity, colour: "#CC79A7" },
      ],
    },
  ];
  const codeXml = codes
    .map(
      (c) =>
        `<Code guid="${G(c.id)}" name="${c.name}" isCodable="true" color="${c.colour}">${c.children.map((k) => `<Code guid="${G(k.id)}" name="${k.name}" isCodable="true" color="${k.colour}"/>`).join("")}</Code>`,
    )
    .join("");

  // Codings: the short one (the only coding of paragraph 2), then a sentence or two of every few paragraphs.
  let guid = 1000;
  const selections: string[] = [];
  const code = (start: number, end: number, codeId: number) =>
    selections.push(
      `<PlainTextSelection guid="${G(guid++)}" startPosition="${start}" endPosition="${end}"><Coding guid="${G(guid++)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(codeId)}"/></Coding></PlainTextSelection>`,
    );
  const short = text.indexOf(SHORT_CODED);
  code(short, short + SHORT_CODED.length, 11);
  let at = text.indexOf("\n", short) + 1;
  const leaves = [11, 12, 21, 22];
  for (let p = 2; at > 0 && at < text.length; p++) {
    const end = text.indexOf("\n", at);
    const stop = end < 0 ? text.length : end;
    if (p % 3 === 0) {
      const first = text.indexOf(". ", at + 40);
      code(at + 5, first > 0 && first < stop ? first + 1 : stop, leaves[p % 4] ?? 11);
      if (p % 6 === 0) code(Math.floor((at + stop) / 2), stop, leaves[(p + 1) % 4] ?? 12);
    }
    at = end < 0 ? -1 : end + 1;
  }
  const others = OTHER_SOURCES.map((name, i) => ({ name, text: `Interviewer: Thank you.\nP0${i + 4}: ${paragraph(next, 80)}` }));
  const otherXml = others
    .map((s, i) => {
      const start = s.text.indexOf("P0");
      return `<TextSource guid="${G(110 + i)}" name="${s.name}" plainTextPath="internal://o${i}.txt"><PlainTextSelection guid="${G(guid++)}" startPosition="${start}" endPosition="${start + 60}"><Coding guid="${G(guid++)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(i === 0 ? 21 : 12)}"/></Coding></PlainTextSelection></TextSource>`;
    })
    .join("");

  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Go-live study" origin="NVivo for Windows 12.6">
<Users><User guid="${G(1)}" name="Ben Okafor"/></Users>
<CodeBook><Codes>${codeXml}</Codes></CodeBook>
<Sources><TextSource guid="${G(100)}" name="${INTERVIEW_NAME}" plainTextPath="internal://interview.txt">${selections.join("")}</TextSource>${otherXml}</Sources>
</Project>`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-layout-")), "go-live.qdpx");
  const files: Record<string, Uint8Array> = { "project.qde": strToU8(qde), "Sources/interview.txt": strToU8(text) };
  others.forEach((s, i) => (files[`Sources/o${i}.txt`] = strToU8(s.text)));
  fs.writeFileSync(file, zipSync(files));
  return { file, words };
}
