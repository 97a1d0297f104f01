import { expect, test, type Page } from "@playwright/test";
import type { Block, ConvertedSource } from "../../shared/import/types";
import type * as Mapping from "../../renderer/sources/viewer/selectionMapping";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import {
  VIEWER_DOC,
  charBox,
  convert,
  importAndOpen,
  loadMappingIntoPage,
  makeLongTranscript,
  makeViewerDocx,
  selectInBlocks,
  waitForSelection,
} from "./helpers/viewer";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const NAME = "P07 interview";

/** The block whose text contains `needle` (the first such). */
function blockWith(source: ConvertedSource, needle: string): Block {
  const block = source.blocks.find((b) => source.text.slice(b.start, b.end).includes(needle));
  if (!block) throw new Error(`no block contains ${needle}`);
  return block;
}

/** Block-relative position of `needle` in its block. */
function at(source: ConvertedSource, block: Block, needle: string): number {
  const index = source.text.slice(block.start, block.end).indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in block`);
  return index;
}

async function openViewerDoc(page: Page): Promise<ConvertedSource> {
  const bytes = await makeViewerDocx();
  // The same converter the app runs in its worker: the text the offsets must index into.
  const source = await convert(bytes, `${NAME}.docx`);
  await completeFirstRun(page);
  await createProject(page, "Viewer study");
  await importAndOpen(page, [{ name: `${NAME}.docx`, mimeType: DOCX_TYPE, buffer: Buffer.from(bytes) }], NAME);
  return source;
}

test.describe("transcript viewer", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  test("shows headings, lists, tables, speaker labels and the source details", async ({ page }) => {
    const source = await openViewerDoc(page);
    const text = page.getByRole("region", { name: "Source text" });

    await expect(page.getByRole("link", { name: "Back to sources" })).toBeVisible();
    // Import warnings are folded away until asked for.
    expect(source.warnings).toHaveLength(1);
    await expect(page.getByText(source.warnings[0] ?? "")).toBeHidden();
    await page.getByText("1 import warning").click();
    await expect(page.getByText(source.warnings[0] ?? "")).toBeVisible();
    await expect(page.getByText(`Interview · ${source.wordCount} words · ${source.charCount} characters`)).toBeVisible();
    // Document headings sit below the page's h1 (project) and h2 (source name).
    await expect(text.getByRole("heading", { name: VIEWER_DOC.title, level: 3 })).toBeVisible();
    await expect(text.getByRole("heading", { name: VIEWER_DOC.h1, level: 4 })).toBeVisible();
    await expect(text.getByRole("listitem")).toHaveCount(5);
    await expect(text.locator("ol > li").first()).toHaveText(VIEWER_DOC.numbered[0]);
    const table = text.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table.getByRole("cell", { name: "P12" })).toBeVisible();

    const label = text.getByText("Interviewer:", { exact: true });
    await expect(label).toBeVisible();
    expect(Number(await label.evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
    const stamp = text.getByText("[00:00:05]", { exact: true });
    await expect(stamp).toBeVisible();
    expect(await stamp.evaluate((el) => getComputedStyle(el).color)).not.toBe(await label.evaluate((el) => getComputedStyle(el).color));

    // Every block carries its offset, and renders exactly its slice of the text.
    const rendered = await page
      .locator("[data-block-start]")
      .evaluateAll((els) =>
        els.map((el) => ({ start: Number((el as HTMLElement).dataset.blockStart), end: Number((el as HTMLElement).dataset.blockEnd) })),
      );
    expect(rendered).toEqual(source.blocks.map((b) => ({ start: b.start, end: b.end })));

    const panel = page.getByRole("complementary", { name: "Codes and memos" });
    await expect(panel.getByText(`${NAME}.docx`)).toBeVisible();
    await expect(panel.getByRole("list", { name: "Speakers and their turns" }).getByRole("listitem")).toHaveText([
      /Interviewer\s*1 turn/,
      /P07\s*1 turn/,
    ]);

    await page.getByRole("button", { name: "Paragraph numbers" }).click();
    await expect(page.getByRole("button", { name: "Paragraph numbers" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("[data-ui]").filter({ hasText: /^1$/ }).first()).toBeVisible();
  });

  test("a mouse selection across two paragraphs maps to the offsets of exactly that text", async ({ page }) => {
    const source = await openViewerDoc(page);
    // Paragraph numbers on: the margin numbers must not count.
    await page.getByRole("button", { name: "Paragraph numbers" }).click();
    const first = blockWith(source, VIEWER_DOC.intro[0]);
    const second = blockWith(source, VIEWER_DOC.intro[1]);
    const from = await charBox(page, first.start, at(source, first, "ward"));
    const to = await charBox(page, second.start, at(source, second, "trained") + "trained".length - 1);
    await page.mouse.move(from.x + 1, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.move(to.x + to.width - 1, to.y + to.height / 2);
    await page.mouse.up();

    const { start, end } = await waitForSelection(page);
    expect(source.text.slice(start, end)).toBe("ward moved to the new record system in the spring.\nStaff were trained");
    // The status line also names what the coding keys would code: the selection, and its paragraph by
    // the number the paragraph numbers show.
    const paragraph = source.blocks.indexOf(first) + 1;
    await expect(page.getByRole("status").filter({ hasText: "Selected" })).toHaveText(
      `Selected ${start}–${end} (${end - start} characters) · Ctrl+K codes the selection, Ctrl+Shift+P its paragraph ${paragraph}`,
    );
    await expect(page.locator(`[data-block-start="${first.start}"]`)).toContainText(String(paragraph));
  });

  test("selections with emoji, Arabic, combining marks and in tables map exactly", async ({ page }) => {
    const source = await openViewerDoc(page);
    await page.getByRole("button", { name: "Paragraph numbers" }).click();
    const slice = async () => {
      const { start, end } = await waitForSelection(page);
      return source.text.slice(start, end);
    };
    const check = async (block: Block, needle: string) => {
      const from = at(source, block, needle);
      await selectInBlocks(page, { blockStart: block.start, at: from }, { blockStart: block.start, at: from + needle.length });
      await waitForSelection(page, { start: block.start + from, end: block.start + from + needle.length });
      await expect.poll(slice).toBe(needle);
    };

    const emoji = blockWith(source, "👩‍⚕️");
    await check(emoji, "👍🏽 and 👩‍⚕️");
    await check(emoji, "🎉 quickly"); // runs into the italic mark
    const arabic = blockWith(source, VIEWER_DOC.arabic);
    await check(arabic, "المريض إن");
    await check(blockWith(source, "Jose\u0301"), "Jose\u0301 said the cafe\u0301");
    const cell = blockWith(source, "Nurses reacted 👍🏽 to the rota");
    await check(cell, "👍🏽 to");

    // Across two cells of a row: the block separator is the one character between them.
    const p07 = source.blocks.find((b) => b.table !== undefined && source.text.slice(b.start, b.end) === "P07");
    if (!p07) throw new Error("no P07 cell");
    await selectInBlocks(page, { blockStart: p07.start, at: 1 }, { blockStart: cell.start, at: 6 });
    await expect.poll(slice).toBe("07\nNurses");

    // A browser-made selection: double-click an Arabic word.
    const word = await charBox(page, arabic.start, at(source, arabic, "المريض") + 2);
    await page.mouse.dblclick(word.x + word.width / 2, word.y + word.height / 2);
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString() ?? "")).toContain("المريض");
    const browserText = await page.evaluate(() => document.getSelection()?.toString() ?? "");
    await expect.poll(slice).toBe(browserText);

    // Boundaries in element nodes: a table row, a heading (before its margin number), a list.
    const lastRow = await page.evaluate(() => {
      const rows = document.querySelectorAll("[data-transcript] tr");
      const row = rows[rows.length - 1];
      if (!row) return false;
      const range = document.createRange();
      range.setStart(row, 0);
      range.setEnd(row, row.childNodes.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return true;
    });
    expect(lastRow).toBe(true);
    await expect.poll(slice).toBe(`P12\n${VIEWER_DOC.table[2][1]}`);

    const findings = blockWith(source, VIEWER_DOC.h2);
    const firstBullet = blockWith(source, VIEWER_DOC.bullets[0]);
    await page.evaluate(
      ({ heading, item }) => {
        const h = document.querySelector(`[data-block-start="${heading}"]`);
        const li = document.querySelector(`[data-block-start="${item}"]`);
        if (!h || !li) throw new Error("blocks not rendered");
        const range = document.createRange();
        range.setStart(h, 0);
        range.setEnd(li, li.childNodes.length);
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
      },
      { heading: findings.start, item: firstBullet.start },
    );
    await expect.poll(slice).toBe(`${VIEWER_DOC.h2}\n${VIEWER_DOC.bullets[0]}`);

    // Triple-click selects a paragraph: the offsets are the paragraph, without the line break after it.
    const closing = blockWith(source, VIEWER_DOC.closing);
    const box = await charBox(page, closing.start, 3);
    await page.mouse.click(box.x + 1, box.y + box.height / 2, { clickCount: 3 });
    await waitForSelection(page, { start: closing.start, end: closing.end });
  });

  test("offsetsToRange and rangeToOffsets round-trip on the rendered blocks", async ({ page }) => {
    const source = await openViewerDoc(page);
    await page.getByRole("button", { name: "Paragraph numbers" }).click();
    await loadMappingIntoPage(page);
    const problems = await page.evaluate((text) => {
      const m = (window as unknown as { __viewerMapping: typeof Mapping }).__viewerMapping;
      const container = document.querySelector<HTMLElement>("[data-transcript]");
      if (!container) return ["no transcript"];
      const blocks = m.renderedBlocks(container).map(({ start, end, el }) => ({ start, end, plain: !el.querySelector("[data-ui]") }));
      const first = blocks[0];
      const last = blocks[blocks.length - 1];
      if (!first || !last) return ["no blocks"];
      const starts = new Set(blocks.map((b) => b.start));
      const ends = new Set(blocks.map((b) => b.end));
      const out: string[] = [];
      let checked = 0;
      for (let s = first.start; s <= last.end; s++) {
        for (const length of [0, 1, 2, 3, 7, 31, 120, 400]) {
          const e = s + length;
          if (e > last.end) continue;
          const range = m.offsetsToRange(s, e, container);
          if (!range) {
            out.push(`no range for ${s}-${e}`);
            continue;
          }
          // Expected: the same offsets, except that a lone block separator at either edge is left out.
          let want = { start: s, end: e };
          if (e > s) {
            const start = ends.has(s) ? s + 1 : s;
            const end = starts.has(e) && e - 1 >= start ? e - 1 : e;
            want = { start, end: Math.max(start, end) };
          }
          const back = m.rangeToOffsets(range, container);
          if (!back || back.start !== want.start || back.end !== want.end) out.push(`${s}-${e} came back as ${JSON.stringify(back)}`);
          const block = blocks.find((b) => b.start <= s && e <= b.end);
          if (block?.plain && range.toString() !== text.slice(s, e)) out.push(`${s}-${e} reads ${JSON.stringify(range.toString())}`);
          checked++;
        }
      }
      return out.length ? out.slice(0, 10) : [`ok ${checked}`];
    }, source.text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ok \d+$/);
  });

  test("find shows the hit count, steps through hits, highlights them and selects the hit on Escape", async ({ page }) => {
    const source = await openViewerDoc(page);
    await page.getByRole("button", { name: "Find in source" }).click();
    const search = page.getByRole("search", { name: "Find in source" });
    const input = search.getByRole("textbox", { name: "Find in source" });
    await expect(input).toBeFocused();
    await input.fill("ROTA");
    const count = search.getByRole("status");
    await expect(count).toHaveText("1 of 3");
    await input.press("Enter");
    await expect(count).toHaveText("2 of 3");
    await input.press("Enter");
    await expect(count).toHaveText("3 of 3");
    await input.press("Enter");
    await expect(count).toHaveText("1 of 3");
    await input.press("Shift+Enter");
    await expect(count).toHaveText("3 of 3");
    await search.getByRole("button", { name: "Previous match" }).click();
    await expect(count).toHaveText("2 of 3");
    await search.getByRole("button", { name: "Next match" }).click();
    await expect(count).toHaveText("3 of 3");

    // Highlights are painted with the CSS Custom Highlight API: all hits, and the current one.
    await expect
      .poll(() => page.evaluate(() => [CSS.highlights.get("margin-find")?.size, CSS.highlights.get("margin-find-current")?.size]))
      .toEqual([3, 1]);
    const current = await page.evaluate(() => {
      const [range] = CSS.highlights.get("margin-find-current") ?? [];
      return range instanceof Range ? range.toString() : null;
    });
    expect(current).toBe("rota");

    await input.fill("jose");
    await expect(count).toHaveText("1 of 1");
    await input.fill("zzz");
    await expect(count).toHaveText("No matches");
    await input.fill("rota");
    await expect(count).toHaveText("1 of 3");

    // Escape closes find and leaves the current hit selected, via offsetsToRange.
    await input.press("Escape");
    await expect(search).toHaveCount(0);
    const hit = source.text.toLowerCase().indexOf("rota");
    await waitForSelection(page, { start: hit, end: hit + 4 });

    // Ctrl+F opens it again, with the last query selected.
    await page.keyboard.press("Control+f");
    await expect(input).toBeFocused();
    await expect(input).toHaveValue("rota");
  });

  test("the source memo saves and comes back", async ({ page }) => {
    await openViewerDoc(page);
    const memo = page.getByRole("textbox", { name: "Source memo" });
    await memo.fill("Ward manager; interview ran long because of a fire alarm.");
    await expect(page.getByText("Saved", { exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Source memo" })).toHaveValue(
      "Ward manager; interview ran long because of a fire alarm.",
    );
  });

  test("the source page has no serious accessibility violations", async ({ page }) => {
    await openViewerDoc(page);
    await page.getByRole("button", { name: "Paragraph numbers" }).click();
    await page.getByRole("button", { name: "Find in source" }).click();
    await page.getByRole("textbox", { name: "Find in source" }).fill("rota");
    await page.getByText("1 import warning").click();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("a 600,000-character transcript is virtualised and scrolls to its end", async ({ page }) => {
    const long = makeLongTranscript();
    const bytes = new TextEncoder().encode(long);
    const source = await convert(bytes, "Focus group long.txt");
    console.log(`long source: ${source.text.length} characters, ${source.blocks.length} blocks`);
    expect(source.text.length).toBeGreaterThan(550_000);
    expect(source.blocks.length).toBeGreaterThan(14_000);

    await completeFirstRun(page);
    await createProject(page, "Long study");
    await importAndOpen(page, [{ name: "Focus group long.txt", mimeType: "text/plain", buffer: Buffer.from(bytes) }], "Focus group long");
    const href = await page.evaluate(() => location.hash);
    await page.getByRole("link", { name: "Back to sources" }).click();
    await expect(page.getByRole("link", { name: "Focus group long" })).toBeVisible();

    // First paint measured in the page: from the route change to the first block on screen.
    const firstPaint = await page.evaluate(
      (target) =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          location.hash = target;
          const poll = () => {
            const block = document.querySelector("[data-block-start]");
            if (block && block.getBoundingClientRect().height > 0) requestAnimationFrame(() => resolve(performance.now() - started));
            else requestAnimationFrame(poll);
          };
          poll();
        }),
      href,
    );
    const rendered = await page.locator("[data-block-start]").count();
    console.log(`long source: first block painted after ${firstPaint.toFixed(1)} ms; ${rendered} block elements rendered`);
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(300);
    const region = page.getByRole("region", { name: "Source text" });

    // Scrolling: report frame times and long tasks (reported, not asserted: timing belongs to the benchmark).
    const scrolling = await page.evaluate(
      () =>
        new Promise<{ frames: number; slowestFrame: number; longTasks: number }>((resolve) => {
          const region = document.querySelector<HTMLElement>('[role="region"][aria-label="Source text"]');
          if (!region) throw new Error("no region");
          let longTasks = 0;
          const observer = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
          observer.observe({ type: "longtask" });
          let frames = 0;
          let slowest = 0;
          let last = performance.now();
          const step = () => {
            const now = performance.now();
            slowest = Math.max(slowest, now - last);
            last = now;
            if (frames++ >= 180) {
              observer.disconnect();
              resolve({ frames, slowestFrame: slowest, longTasks });
              return;
            }
            region.scrollTop += 400;
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
    );
    console.log(
      `long source: scrolled ${scrolling.frames} frames of 400 px; slowest frame ${scrolling.slowestFrame.toFixed(1)} ms; ${scrolling.longTasks} long tasks`,
    );
    expect(await page.locator("[data-block-start]").count()).toBeLessThan(300);

    // A selection's start stays rendered while the view moves away from it, so the selection survives.
    const anchor = await page
      .locator("[data-block-start]")
      .nth(5)
      .evaluate((el) => Number((el as HTMLElement).dataset.blockStart));
    await selectInBlocks(page, { blockStart: anchor, at: 0 }, { blockStart: anchor, at: 4 });
    await waitForSelection(page, { start: anchor, end: anchor + 4 });
    await region.evaluate((el) => (el.scrollTop += 3000));
    await expect.poll(() => page.locator(`[data-block-start="${anchor}"]`).count()).toBe(1);
    // Extend the selection (as shift+click would) into a block now on screen, once the view has re-rendered.
    const onScreen = () =>
      page.evaluate(() => {
        const box = document.querySelector('[role="region"][aria-label="Source text"]')?.getBoundingClientRect();
        const block = [...document.querySelectorAll<HTMLElement>("[data-block-start]")].find((el) => {
          const top = el.getBoundingClientRect().top;
          return box && top > box.top + 100 && top < box.bottom - 50;
        });
        return block ? Number(block.dataset.blockStart) : -1;
      });
    await expect.poll(onScreen).toBeGreaterThan(anchor + 2000);
    const far = await onScreen();
    await page.evaluate((start) => {
      const textNode = document.querySelector(`[data-block-start="${start}"] span`)?.firstChild;
      if (!textNode) throw new Error("block not rendered");
      document.getSelection()?.extend(textNode, 3);
    }, far);
    const extended = await waitForSelection(page, { start: anchor, end: far + 3 });
    expect(source.text.slice(extended.start, extended.end)).toBe(long.slice(anchor, far + 3));

    // Scroll to the very end (sizes are corrected as rows are measured, so repeat until it settles).
    const lastBlock = source.blocks[source.blocks.length - 1];
    if (!lastBlock) throw new Error("no blocks");
    await expect
      .poll(
        async () => {
          await region.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
          return page.locator(`[data-block-start="${lastBlock.start}"]`).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect(page.locator(`[data-block-start="${lastBlock.start}"]`)).toBeInViewport();
    await expect(page.locator(`[data-block-start="${lastBlock.start}"]`)).toContainText("Line 15000");
    expect(await page.locator("[data-block-start]").count()).toBeLessThan(300);

    // Find scrolls the virtualised view to a hit far away.
    await page.keyboard.press("Control+f");
    await page.getByRole("textbox", { name: "Find in source" }).fill("Line 7500 ");
    await expect(page.getByRole("search").getByRole("status")).toHaveText("1 of 1");
    const target = blockWith(source, "Line 7500 ");
    await expect(page.locator(`[data-block-start="${target.start}"]`)).toBeInViewport();
    expect(await page.locator("[data-block-start]").count()).toBeLessThan(300);
  });
});
