import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { convertText } from "../../shared/import";
import { resolveAnchor } from "../../resources/sample/anchors";
import { SAMPLE_CODINGS } from "../../resources/sample/codings";
import { completeFirstRun, seriousA11yViolations } from "./helpers/app";

const SAMPLE = "Sample: Shared Care Record evaluation";
const CODE = "Technology/Usability";
const CODE_LABEL = "Technology / Usability";
const SOURCES = [
  { key: "p01", name: "P01 Digital nurse interview", file: "p01-digital-nurse.txt" },
  { key: "p02", name: "P02 CCIO interview", file: "p02-ccio.txt" },
  { key: "p03", name: "P03 District nursing team lead interview", file: "p03-district-nurse.txt" },
] as const;

interface Expected {
  name: string;
  length: number;
  kappa: number;
  agreement: number;
  /** Characters only "you" (coder A) coded, as [start, end) runs. */
  aOnly: { start: number; end: number }[];
  text: string;
}

/**
 * The answer worked out here, independently of shared/agreement: the sample transcripts go through
 * the importer (as the sample project does), the sample's anchors for the code are resolved, and the
 * 2×2 table is counted one character at a time.
 */
async function expectedFor(code: string): Promise<Expected[]> {
  const out: Expected[] = [];
  for (const source of SOURCES) {
    const raw = readFileSync(path.resolve("resources/sample/transcripts", source.file));
    const { text } = await convertText(new Uint8Array(raw), source.file);
    const n = text.length;
    const you = new Array<boolean>(n).fill(false);
    const second = new Array<boolean>(n).fill(false);
    for (const coding of SAMPLE_CODINGS.filter((c) => c.source === source.key && c.code === code)) {
      const range = resolveAnchor(text, coding.anchor);
      if (!range) throw new Error(`anchor not found: ${JSON.stringify(coding.anchor)}`);
      const marks = coding.coder === "you" ? you : second;
      for (let i = range.start; i < range.end; i++) marks[i] = true;
    }
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    const aOnly: { start: number; end: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (you[i] && second[i]) a++;
      else if (you[i]) {
        b++;
        const last = aOnly[aOnly.length - 1];
        if (last && last.end === i) last.end = i + 1;
        else aOnly.push({ start: i, end: i + 1 });
      } else if (second[i]) c++;
      else d++;
    }
    const po = (a + d) / n;
    const pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n);
    out.push({ name: source.name, length: n, agreement: po, kappa: pe === 1 ? 1 : (po - pe) / (1 - pe), aOnly, text });
  }
  return out;
}

function parseCsv(csv: string): string[][] {
  return csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? "").replace(/""/g, '"')));
}

async function openComparison(page: Page): Promise<void> {
  await completeFirstRun(page);
  await page.getByRole("button", { name: "Open sample project" }).click();
  await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible({ timeout: 30_000 });
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Coding comparison/ })
    .click();
}

test("coding comparison on the sample: kappa per source and weighted average match a per-character count, drill down, export CSV", async ({
  page,
}) => {
  const expected = await expectedFor(CODE);
  const totalLength = expected.reduce((sum, e) => sum + e.length, 0);
  const averageKappa = expected.reduce((sum, e) => sum + e.length * e.kappa, 0) / totalLength;
  const averageAgreement = expected.reduce((sum, e) => sum + e.length * e.agreement, 0) / totalLength;
  // The sample must actually disagree somewhere, or the test proves little.
  expect(expected.some((e) => e.kappa > 0 && e.kappa < 1)).toBe(true);

  await openComparison(page);
  const view = page.getByRole("region", { name: "Coding comparison" });
  const compare = view.getByRole("button", { name: "Compare coding" });
  await expect(compare).toBeDisabled();
  await view.getByRole("group", { name: "Coder A" }).getByRole("checkbox", { name: "Amira Patel (AP)" }).check();
  await view.getByRole("group", { name: "Coder B" }).getByRole("checkbox", { name: "Sam Okafor (SO)" }).check();
  await view.getByRole("searchbox", { name: "Find a code to compare" }).fill("usab");
  await view.getByRole("list", { name: "Codes to compare" }).getByRole("checkbox", { name: CODE_LABEL }).check();
  await compare.click();

  // By code: the length-weighted average.
  const byCode = view.getByRole("table", { name: /Agreement by code \(averages/ });
  const codeRow = byCode.getByRole("row").filter({ has: page.getByRole("rowheader", { name: CODE_LABEL }) });
  await expect(codeRow.getByRole("cell").nth(2)).toContainText(averageKappa.toFixed(4));
  await expect(codeRow.getByRole("cell").nth(1)).toHaveText(`${(100 * averageAgreement).toFixed(2)}%`);
  await expect(codeRow.getByRole("cell").nth(0)).toHaveText("3 of 3");

  // By code and source: every source's kappa.
  const cells = view.getByRole("table", { name: "Agreement by code and source" });
  for (const e of expected) {
    const row = cells.getByRole("row").filter({ hasText: e.name });
    await expect(row.getByRole("cell").nth(3)).toContainText(e.kappa.toFixed(4));
    await expect(row.getByRole("cell").nth(2)).toHaveText(`${(100 * e.agreement).toFixed(2)}%`);
  }

  // Drill down where only coder A coded a passage.
  const withAOnly = expected.find((e) => e.aOnly.length > 0);
  if (!withAOnly) throw new Error("the sample has no passage only coder A coded");
  await cells.getByRole("button", { name: `Show disagreements: ${CODE_LABEL} in ${withAOnly.name}` }).click();
  const panel = view.getByRole("region", { name: `Disagreements: ${CODE_LABEL} in ${withAOnly.name}` });
  await expect(panel).toBeVisible();
  const first = withAOnly.aOnly[0];
  if (!first) throw new Error("unreachable");
  const linkName = new RegExp(`^Open in source: characters ${first.start.toLocaleString("en-GB")}–${first.end.toLocaleString("en-GB")} of`);
  const link = panel.getByRole("link", { name: linkName });
  await expect(link).toHaveAttribute("href", new RegExp(`/source/[^?]+\\?at=${first.start}-${first.end}$`));
  const passageRow = panel.getByRole("row").filter({ has: page.getByRole("link", { name: linkName }) });
  const aColumn = passageRow.getByRole("cell").nth(0);
  // A's column shows the passage itself (its first words, white space as in the source).
  await expect(aColumn).toContainText(withAOnly.text.slice(first.start, first.end).trim().split(/\s+/).slice(0, 6).join(" "));
  await expect(passageRow.getByRole("cell").nth(1)).toHaveText("not coded");

  expect(await seriousA11yViolations(page)).toEqual([]);

  // CSV: one row per coded source, the code's average and the overall row.
  const [download] = await Promise.all([page.waitForEvent("download"), view.getByRole("button", { name: "Export CSV" }).click()]);
  const file = await download.path();
  const csv = readFileSync(file, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(csv);
  expect(rows[0]).toEqual(["Coder A", "Amira Patel (AP)"]);
  expect(rows[1]).toEqual(["Coder B", "Sam Okafor (SO)"]);
  const header = rows[2] ?? [];
  expect(header.slice(0, 5)).toEqual(["Code", "Source", "Characters", "Agreement (%)", "Kappa"]);
  const body = rows.slice(3);
  for (const e of expected) {
    const row = body.find((r) => r[1] === e.name);
    expect(row?.[0]).toBe(CODE_LABEL);
    expect(Number(row?.[2])).toBe(e.length);
    expect(Number(row?.[4])).toBeCloseTo(e.kappa, 4);
  }
  const average = body.find((r) => r[0] === CODE_LABEL && r[1]?.startsWith("All 3 sources"));
  expect(Number(average?.[4])).toBeCloseTo(averageKappa, 4);
  expect(body[body.length - 2]?.slice(0, 2)).toEqual(["All codes", "All sources"]);
  // Last, the pooled headline: Usability is coded in all three sources, so it pools their characters.
  expect(body[body.length - 1]?.slice(0, 3)).toEqual(["Overall (pooled)", "The 3 code × source cells someone coded", String(totalLength)]);

  // "Open in source" lands on the passage.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`\\?at=${first.start}-${first.end}$`));
});

test("a code one source uses: averages with and without the sources nobody coded, and a chosen source, all by keyboard", async ({
  page,
}) => {
  const expected = await expectedFor("Wider context/Policy");
  const coded = expected.filter((e) => e.agreement < 1 || e.kappa !== 1);
  // The sample codes Policy in P02 only, by both coders with different boundaries.
  expect(coded.map((e) => e.name)).toEqual(["P02 CCIO interview"]);
  const p02 = coded[0];
  if (!p02) throw new Error("unreachable");
  const total = expected.reduce((sum, e) => sum + e.length, 0);
  const withUncoded = (p02.length * p02.kappa + (total - p02.length) * 1) / total;

  await openComparison(page);
  const view = page.getByRole("region", { name: "Coding comparison" });
  await view.getByRole("group", { name: "Coder A" }).getByRole("checkbox", { name: "Amira Patel (AP)" }).press("Space");
  // Ticking the same coder for B moves them there: a coder is on one side only.
  await view.getByRole("group", { name: "Coder B" }).getByRole("checkbox", { name: "Amira Patel (AP)" }).press("Space");
  await expect(view.getByRole("group", { name: "Coder A" }).getByRole("checkbox", { name: "Amira Patel (AP)" })).not.toBeChecked();
  await view.getByRole("group", { name: "Coder B" }).getByRole("checkbox", { name: "Sam Okafor (SO)" }).press("Space");
  await expect(view.getByText("Choose at least one coder for A and one for B.")).toBeVisible();
  // Sam moves from B to A, leaving Amira as B.
  await view.getByRole("group", { name: "Coder A" }).getByRole("checkbox", { name: "Sam Okafor (SO)" }).press("Space");
  await expect(view.getByRole("group", { name: "Coder B" }).getByRole("checkbox", { name: "Sam Okafor (SO)" })).not.toBeChecked();
  await view.getByRole("list", { name: "Codes to compare" }).getByRole("checkbox", { name: "Wider context / Policy" }).press("Space");
  await view.getByRole("button", { name: "Compare coding" }).press("Enter");

  const byCode = view.getByRole("table", { name: /Agreement by code \(averages/ });
  const row = byCode.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Wider context / Policy" }) });
  await expect(row.getByRole("cell").nth(0)).toHaveText("1 of 3");
  // By default averages cover only the sources someone coded.
  await expect(row.getByRole("cell").nth(2)).toContainText(p02.kappa.toFixed(4));
  // Kappa is symmetric: Sam as A and Amira as B give P02 the same value.
  const cells = view.getByRole("table", { name: "Agreement by code and source" });
  await expect(cells.getByRole("row").filter({ hasText: p02.name }).getByRole("cell").nth(3)).toContainText(p02.kappa.toFixed(4));

  // NVivo's way, on request: the sources nobody coded count as kappa 1.
  await view.getByRole("checkbox", { name: /Count sources neither side coded/ }).press("Space");
  await view.getByRole("button", { name: "Compare coding" }).press("Enter");
  await expect(row.getByRole("cell").nth(2)).toContainText(withUncoded.toFixed(4));

  // Chosen sources: P02 alone, uncoded sources still counted (none left to count).
  await view.getByRole("radio", { name: /Chosen sources/ }).press("Space");
  await expect(view.getByText("Choose one or more sources, or compare in all sources.")).toBeVisible();
  await view.getByRole("list", { name: "Sources to compare" }).getByRole("checkbox", { name: p02.name }).press("Space");
  await view.getByRole("button", { name: "Compare coding" }).press("Enter");
  await expect(row.getByRole("cell").nth(0)).toHaveText("1 of 1");
  await expect(row.getByRole("cell").nth(2)).toContainText(p02.kappa.toFixed(4));
  await expect(row.getByRole("cell").nth(1)).toHaveText(`${(100 * p02.agreement).toFixed(2)}%`);
});

test("near-zero overlap: the headline and the averages never read better than 'slight', and say what they cover (1366×768)", async ({
  page,
}) => {
  // In the sample, Workload, Governance and Leadership are coded by both coders in every source but
  // never on the same text; Technology is coded directly by one coder in one source (a code only
  // one coder used); the other top-level codes are not coded directly by anyone.
  const NEAR_ZERO = ["People / Workload", "Organisation / Governance", "Organisation / Leadership", "Technology"];
  const NOBODY = ["People", "Organisation", "Wider context"];
  const expected = (
    await Promise.all(["People/Workload", "Organisation/Governance", "Organisation/Leadership", "Technology"].map(expectedFor))
  ).flat();
  // The cells someone coded: there the coders differ somewhere (they never agree on coded text).
  const coded = expected.filter((e) => e.agreement < 1);
  expect(coded).toHaveLength(10);
  const pooledLength = coded.reduce((sum, e) => sum + e.length, 0);

  await page.setViewportSize({ width: 1366, height: 768 });
  await openComparison(page);
  const view = page.getByRole("region", { name: "Coding comparison" });
  await view.getByRole("group", { name: "Coder A" }).getByRole("checkbox", { name: "Amira Patel (AP)" }).check();
  await view.getByRole("group", { name: "Coder B" }).getByRole("checkbox", { name: "Sam Okafor (SO)" }).check();
  const codeList = view.getByRole("list", { name: "Codes to compare" });
  for (const name of [...NEAR_ZERO, ...NOBODY]) await codeList.getByRole("checkbox", { name, exact: true }).check();
  await expect(view.getByRole("checkbox", { name: /Count sources neither side coded/ })).not.toBeChecked();
  await view.getByRole("button", { name: "Compare coding" }).click();

  const headline = view.getByRole("region", { name: "Overall agreement" });
  await expect(headline).toContainText(/Kappa\s*-?\d\.\d{4}\s*(poor|slight)Krippendorff/);
  await expect(headline).not.toContainText(/fair|moderate|substantial|almost perfect/);
  await expect(headline).toContainText(
    `Over 4 codes and 3 sources that at least one coder coded (10 code × source cells, ${pooledLength.toLocaleString("en-GB")} characters); 11 code × source cells nobody coded are left out.`,
  );
  const byCode = view.getByRole("table", { name: /Agreement by code \(averages/ });
  const allCodes = byCode.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "All codes" }) });
  await expect(allCodes.getByRole("cell").nth(2)).toContainText(/\d(poor|slight)$/);
  // A code only one coder used is no better than chance (kappa 0), not "almost perfect".
  const oneCoder = byCode.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Technology", exact: true }) });
  await expect(oneCoder.getByRole("cell").nth(2)).toHaveText(/^0\.0000\s*slight$/);
  // A code nobody coded has nothing to average, not a perfect score.
  const parent = byCode.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "People", exact: true }) });
  await expect(parent).toContainText("Neither A nor B coded it");
  await expect(parent).not.toContainText("almost perfect");

  await page.screenshot({ path: "test-reports/comparison-near-zero-1366x768.png" });
  expect(await seriousA11yViolations(page)).toEqual([]);

  // NVivo's per-cell way stays available for the table's averages; the headline does not move.
  const headlineKappa = await headline.getByText(/^Kappa/).textContent();
  await view.getByRole("checkbox", { name: /Count sources neither side coded/ }).check();
  await view.getByRole("button", { name: "Compare coding" }).click();
  await expect(byCode).toContainText("those nobody coded as kappa 1");
  await expect(allCodes.getByRole("cell").nth(2)).not.toContainText(/\d(poor|slight)$/);
  await expect(headline.getByText(/^Kappa/)).toHaveText(headlineKappa ?? "");
  await expect(headline).toContainText("The averages below count those cells as complete agreement");
});
