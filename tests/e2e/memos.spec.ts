import { expect, test, type Locator, type Page } from "@playwright/test";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import { importAndOpen } from "./helpers/viewer";

const SOURCE = "P07 interview";

function transcript(): string {
  const lines = ["Interview with P07, ward manager", ""];
  for (let i = 1; i <= 40; i++) {
    lines.push(`Interviewer: Question ${i} about the rota and the new record system?`);
    lines.push(`P07: Answer ${i}. Nurses keep paper notes and do shadow charting on nights.`);
  }
  return lines.join("\n");
}

/** The body of the memo with this title, read from the project's IndexedDB (what is stored, not shown). */
async function storedMemoBody(page: Page, title: string): Promise<string | null> {
  return page.evaluate(async (wanted) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith("margin-project-"));
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error("open failed"));
      });
      const memos = await new Promise<{ title: string; body: string }[]>((resolve, reject) => {
        const req = db.transaction("memos").objectStore("memos").getAll();
        req.onsuccess = () => resolve(req.result as { title: string; body: string }[]);
        req.onerror = () => reject(req.error ?? new Error("read failed"));
      });
      db.close();
      const memo = memos.find((m) => m.title === wanted);
      if (memo) return memo.body;
    }
    return null;
  }, title);
}

async function openMemos(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Memos" }).click();
  await expect(page.getByRole("heading", { name: "Memos", level: 2 })).toBeVisible();
}

/** A new project, the Memos view, and a new project memo with this title: its editor. */
async function newProjectMemo(page: Page, title: string): Promise<Locator> {
  await completeFirstRun(page);
  await createProject(page, "Memo study");
  await openMemos(page);
  await page.getByRole("button", { name: "New project memo" }).click();
  const editor = page.getByRole("region", { name: /^Memo: / });
  await editor.getByRole("textbox", { name: "Title" }).fill(title);
  return editor;
}

test.describe("memos", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1500, height: 1000 });
  });

  test("a project memo with a heading, bold, a list and a link to a source: preview, follow, search, reload", async ({ page }) => {
    await completeFirstRun(page);
    await createProject(page, "Memo study");
    await importAndOpen(page, [{ name: `${SOURCE}.txt`, mimeType: "text/plain", buffer: Buffer.from(transcript()) }], SOURCE);
    const sourceUrl = page.url();
    const sourceId = decodeURIComponent(/\/source\/([^/]+)$/.exec(new URL(sourceUrl).hash)?.[1] ?? "");
    expect(sourceId).not.toBe("");

    await openMemos(page);
    await expect(page.getByText("No memos yet.")).toBeVisible();
    await page.getByRole("button", { name: "New project memo" }).click();
    const editor = page.getByRole("region", { name: /^Memo: / });
    const title = editor.getByRole("textbox", { name: "Title" });
    await expect(title).toBeFocused();
    await title.fill("Emerging themes");

    const body = editor.getByRole("textbox", { name: "Memo text" });
    await body.click();
    const toolbar = editor.getByRole("toolbar", { name: "Formatting" });
    await toolbar.getByRole("button", { name: "Heading" }).click();
    await page.keyboard.type("Workarounds");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Nurses describe ");
    await page.keyboard.press("Control+b");
    await page.keyboard.type("shadow charting");
    await page.keyboard.press("End");
    await page.keyboard.type(" and ");
    await page.keyboard.press("Control+i");
    await page.keyboard.type("paper notes");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await toolbar.getByRole("button", { name: "Bulleted list" }).click();
    await page.keyboard.type("Log-in times");
    await page.keyboard.press("Enter");
    await toolbar.getByRole("button", { name: "Bulleted list" }).click();
    await page.keyboard.type("Alert fatigue");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.keyboard.type("See ");

    await toolbar.getByRole("button", { name: "Link to…" }).click();
    const picker = page.getByRole("dialog", { name: "Link to a source, code or case" });
    await picker.getByRole("searchbox", { name: "Find by name" }).fill("p07");
    await picker.getByRole("button", { name: SOURCE }).click();
    await expect(picker).toBeHidden();
    await expect(body).toBeFocused();
    await page.keyboard.type(" and [the trust site](https://example.org/x).");

    // The link to the source shows as a chip with the source's name, not its margin: address.
    await expect(body).toHaveValue(
      `# Workarounds\nNurses describe **shadow charting** and *paper notes*\n\n- Log-in times\n- Alert fatigue\n\nSee ⟦${SOURCE}⟧ and [the trust site](https://example.org/x).`,
    );
    await expect(body).not.toHaveValue(/margin:/);
    const chips = editor.getByRole("list", { name: "Links in this memo" });
    await expect(chips.getByRole("listitem")).toHaveText([`Source: ${SOURCE}`]);
    await expect(chips.getByRole("link", { name: SOURCE })).toHaveAttribute("href", /source/);
    // Backspace at the chip's end deletes the whole chip; the text box's own undo brings the link back.
    const withChip = await body.inputValue();
    const chipEnd = withChip.indexOf("⟧") + 1;
    await body.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), chipEnd);
    await page.keyboard.press("Backspace");
    await expect(body).toHaveValue(withChip.replace(`⟦${SOURCE}⟧`, ""));
    await expect(chips).toBeHidden();
    await page.keyboard.press("Control+z");
    await expect(body).toHaveValue(withChip);
    await expect(chips.getByRole("link", { name: SOURCE })).toBeVisible();
    // Saved after a pause in typing, without leaving the field.
    await expect(editor.getByRole("status")).toHaveText("Saved");
    // Stored as Markdown: the memo's text in the database holds the margin: link.
    const stored = await storedMemoBody(page, "Emerging themes");
    expect(stored).toContain(`See [${SOURCE}](margin:source/${sourceId}) and [the trust site](https://example.org/x).`);

    // The memo list names it, what it is linked to, and who wrote it.
    const list = page.getByRole("list", { name: "Memos found" });
    await expect(list.getByRole("button", { name: "Emerging themes" })).toHaveAttribute("aria-current", "true");
    await expect(list.getByRole("listitem").first()).toContainText("Project memo");
    await expect(list.getByRole("listitem").first()).toContainText("AP");

    await editor.getByRole("button", { name: "Preview" }).click();
    await expect(editor.getByRole("button", { name: "Preview" })).toHaveAttribute("aria-pressed", "true");
    await expect(editor.getByRole("button", { name: "Edit" })).toHaveAttribute("aria-pressed", "false");
    const preview = editor.getByRole("region", { name: "Memo preview" });
    await expect(preview.getByRole("heading", { name: "Workarounds" })).toBeVisible();
    await expect(preview.locator("strong")).toHaveText("shadow charting");
    await expect(preview.locator("em")).toHaveText("paper notes");
    await expect(preview.getByRole("listitem")).toHaveText(["Log-in times", "Alert fatigue"]);
    // A web address is shown, never linked: the laptops are offline and memo text is not trusted.
    await expect(preview.getByRole("link")).toHaveCount(1);
    await expect(preview).toContainText("the trust site (https://example.org/x)");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await preview.getByRole("link", { name: SOURCE }).click();
    await expect(page.getByRole("heading", { name: SOURCE, level: 2 })).toBeVisible();
    expect(page.url()).toBe(sourceUrl);

    // Back in Memos the same memo is open; search finds it by its words, ignoring markup and case.
    await openMemos(page);
    await expect(page.getByRole("region", { name: "Memo: Emerging themes" })).toBeVisible();
    const search = page.getByRole("searchbox", { name: "Search memos" });
    await search.fill("SHADOW charting and paper");
    await expect(list.getByRole("button", { name: "Emerging themes" })).toBeVisible();
    await search.fill("rota changes");
    await expect(page.getByText("No memos match.")).toBeVisible();
    await search.fill("");

    await page.reload();
    await openMemos(page);
    await list.getByRole("button", { name: "Emerging themes" }).click();
    const reopened = page.getByRole("region", { name: "Memo: Emerging themes" });
    await expect(reopened.getByRole("textbox", { name: "Memo text" })).toHaveValue(
      /^# Workarounds\nNurses describe \*\*shadow charting\*\*/,
    );
    await reopened.getByRole("button", { name: "Preview" }).click();
    await expect(reopened.getByRole("link", { name: SOURCE })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("formatting toggles off again, a numbered list renumbers, and a deleted memo can be undone", async ({ page }) => {
    const editor = await newProjectMemo(page, "Method notes");
    const body = editor.getByRole("textbox", { name: "Memo text" });
    await body.fill("Consent\nRecording\nTranscription");
    await body.focus();
    await page.keyboard.press("Control+a");
    await editor.getByRole("button", { name: "Numbered list" }).click();
    await expect(body).toHaveValue("1. Consent\n2. Recording\n3. Transcription");
    await editor.getByRole("button", { name: "Numbered list" }).click();
    await expect(body).toHaveValue("Consent\nRecording\nTranscription");

    // Ctrl+B twice on the same words: bold, then plain again; Ctrl+Z in the text undoes the typing edit.
    await body.fill("Consent was recorded");
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 7));
    await page.keyboard.press("Control+b");
    await expect(body).toHaveValue("**Consent** was recorded");
    await page.keyboard.press("Control+b");
    await expect(body).toHaveValue("Consent was recorded");
    await page.keyboard.press("Control+z");
    await expect(body).toHaveValue("**Consent** was recorded");
    await expect(editor.getByRole("status")).toHaveText("Saved");

    // The toolbar is one tab stop; arrow keys move along it.
    await editor.getByRole("button", { name: "Heading" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(editor.getByRole("button", { name: "Bold" })).toBeFocused();

    await editor.getByRole("button", { name: "Delete memo" }).click();
    await expect(page.getByText("This memo was deleted.")).toBeVisible();
    await expect(page.getByText("No memos yet.")).toBeVisible();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByRole("button", { name: "Undo Deleted memo" })).toBeEnabled();
    await page.getByRole("button", { name: "Undo Deleted memo" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Undid: Deleted memo" })).toBeVisible();
    await openMemos(page);
    await expect(page.getByRole("region", { name: "Memo: Method notes" }).getByRole("textbox", { name: "Memo text" })).toHaveValue(
      "**Consent** was recorded",
    );
  });

  test("typing reloaded at once is not lost: Saving… then Saved, and the memo has the text after the reload", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const editor = await newProjectMemo(page, "Field notes");
    await expect(editor.getByRole("status")).toHaveText("Saved");
    const body = editor.getByRole("textbox", { name: "Memo text" });
    await body.click();
    await page.keyboard.type("Ward 3 nurses chart on paper first");
    await expect(editor.getByRole("status")).toHaveText("Saving…");
    await page.keyboard.type(" at night");
    // Reloaded straight after the last keystroke, well inside the save delay.
    await page.reload();
    await openMemos(page);
    await page.getByRole("list", { name: "Memos found" }).getByRole("button", { name: "Field notes" }).click();
    await expect(page.getByRole("region", { name: "Memo: Field notes" }).getByRole("textbox", { name: "Memo text" })).toHaveValue(
      "Ward 3 nurses chart on paper first at night",
    );
    expect(await storedMemoBody(page, "Field notes")).toBe("Ward 3 nurses chart on paper first at night");

    // The same for the source memo beside an open source.
    await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Sources" }).click();
    await importAndOpen(page, [{ name: `${SOURCE}.txt`, mimeType: "text/plain", buffer: Buffer.from(transcript()) }], SOURCE);
    const sourceMemo = page.getByRole("textbox", { name: "Source memo" });
    await sourceMemo.click();
    await page.keyboard.type("Fire alarm halfway through");
    await expect(page.getByRole("region", { name: "Source memo" }).getByRole("status")).toHaveText("Saving…");
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Source memo" })).toHaveValue("Fire alarm halfway through");
    expect(await storedMemoBody(page, SOURCE)).toBe("Fire alarm halfway through");
  });

  test("typing a character and taking it back inside the save delay ends at Saved, not at Saving… forever", async ({ page }) => {
    const editor = await newProjectMemo(page, "Field notes");
    const body = editor.getByRole("textbox", { name: "Memo text" });
    await body.click();
    await page.keyboard.type("Ward 3");
    await expect(editor.getByRole("status")).toHaveText("Saved");
    // Both keystrokes land inside one save delay: the text is back to what is stored.
    await page.keyboard.type("x");
    await page.keyboard.press("Backspace");
    await expect(editor.getByRole("status")).toHaveText("Saved");
    expect(await storedMemoBody(page, "Field notes")).toBe("Ward 3");

    // The same for the source memo beside an open source.
    await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Sources" }).click();
    await importAndOpen(page, [{ name: `${SOURCE}.txt`, mimeType: "text/plain", buffer: Buffer.from(transcript()) }], SOURCE);
    const sourceMemo = page.getByRole("textbox", { name: "Source memo" });
    const sourceStatus = page.getByRole("region", { name: "Source memo" }).getByRole("status");
    await sourceMemo.click();
    await page.keyboard.type("Fire alarm");
    await expect(sourceStatus).toHaveText("Saved");
    await page.keyboard.type("x");
    await page.keyboard.press("Backspace");
    await expect(sourceStatus).toHaveText("Saved");
    expect(await storedMemoBody(page, SOURCE)).toBe("Fire alarm");
  });

  test("a memo beside the text leaves the codebook usable: code a selection from the tree, then find its annotation under Memos", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await completeFirstRun(page);
    await createProject(page, "Memo study");
    await importAndOpen(page, [{ name: `${SOURCE}.txt`, mimeType: "text/plain", buffer: Buffer.from(transcript()) }], SOURCE);
    const codes = page.getByRole("complementary", { name: "Codes and memos" });
    await codes.getByRole("button", { name: "New code" }).click();
    const form = codes.getByRole("form", { name: "New code" });
    await form.getByLabel("New code name").fill("Workarounds");
    await form.getByLabel("New code name").press("Enter");
    await expect(codes.getByRole("status").filter({ hasText: "Added “Workarounds”." })).toBeVisible();
    await form.getByLabel("New code name").press("Escape");
    await page.screenshot({ path: "test-results/memo-before-pin-1366.png" });
    await expect(codes.getByRole("treeitem", { name: "Workarounds", exact: true })).toBeVisible();

    await openMemos(page);
    await page.getByRole("button", { name: "New project memo" }).click();
    const editor = page.getByRole("region", { name: /^Memo: / });
    await editor.getByRole("textbox", { name: "Title" }).fill("Coding as I go");
    await editor.getByRole("textbox", { name: "Memo text" }).fill("Shadow charting keeps coming up.");
    await expect(editor.getByRole("status")).toHaveText("Saved");
    await page.getByRole("button", { name: "Open beside text" }).click();
    await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Sources" }).click();
    await page.getByRole("link", { name: SOURCE }).first().click();
    await expect(page.getByRole("heading", { name: SOURCE, level: 2 })).toBeVisible();

    // The memo and the code tree are both in view, at laptop size.
    const beside = codes.getByRole("region", { name: "Memo beside the text: Coding as I go" });
    await expect(beside.getByRole("textbox", { name: "Memo text" })).toBeInViewport();
    const workarounds = codes.getByRole("treeitem", { name: "Workarounds", exact: true });
    await expect(workarounds).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: "test-results/memo-beside-text-1366.png" });

    // Select a passage and code it from the tree while the memo stays open.
    const passage = page.locator("[data-block-start]").filter({ hasText: "Answer 1. Nurses keep paper notes" });
    await passage.scrollIntoViewIfNeeded();
    await passage.selectText();
    await workarounds.click();
    const selected = codes.getByRole("group", { name: "Selected code: Workarounds" });
    await selected.getByRole("button", { name: "Code selection" }).click();
    const stripe = page
      .getByRole("group", { name: "Coding stripes" })
      .getByRole("button", { name: /^Coding: Workarounds, by Amira Patel, / });
    await expect(stripe).toBeVisible();
    await expect(beside.getByRole("textbox", { name: "Memo text" })).toHaveValue("Shadow charting keeps coming up.");

    // The coding's annotation is listed under Memos, linked to: Codings.
    await stripe.click();
    await page.getByRole("textbox", { name: "Annotation" }).fill("Paper first, system later.");
    await page.getByRole("button", { name: "Save annotation" }).click();
    await expect(page.getByText("Saved", { exact: true })).toBeVisible();
    await openMemos(page);
    await page.getByRole("combobox", { name: "Linked to" }).selectOption({ label: "Codings" });
    const annotations = page.getByRole("list", { name: "Coding annotations" });
    await expect(annotations.getByRole("listitem")).toHaveCount(1);
    await expect(annotations.getByRole("listitem")).toContainText("Paper first, system later.");
    await page.screenshot({ path: "test-results/memo-coding-annotations-1366.png" });
    await annotations.getByRole("link", { name: `Workarounds in ${SOURCE}` }).click();
    await expect(page.getByRole("heading", { name: SOURCE, level: 2 })).toBeVisible();
  });
});
