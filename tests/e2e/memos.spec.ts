import { expect, test, type Page } from "@playwright/test";
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

async function openMemos(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Memos" }).click();
  await expect(page.getByRole("heading", { name: "Memos", level: 2 })).toBeVisible();
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

    await expect(body).toHaveValue(
      `# Workarounds\nNurses describe **shadow charting** and *paper notes*\n\n- Log-in times\n- Alert fatigue\n\nSee [${SOURCE}](margin:source/${sourceId}) and [the trust site](https://example.org/x).`,
    );
    // Saved after a pause in typing, without leaving the field.
    await expect(editor.getByRole("status")).toHaveText("Saved");

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
    await expect(reopened.getByRole("textbox", { name: "Memo text" })).toHaveValue(/^# Workarounds\nNurses describe \*\*shadow charting\*\*/);
    await reopened.getByRole("button", { name: "Preview" }).click();
    await expect(reopened.getByRole("link", { name: SOURCE })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("formatting toggles off again, a numbered list renumbers, and a deleted memo can be undone", async ({ page }) => {
    await completeFirstRun(page);
    await createProject(page, "Memo study");
    await openMemos(page);
    await page.getByRole("button", { name: "New project memo" }).click();
    const editor = page.getByRole("region", { name: /^Memo: / });
    await editor.getByRole("textbox", { name: "Title" }).fill("Method notes");
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
    await expect(page.getByRole("region", { name: "Memo: Method notes" }).getByRole("textbox", { name: "Memo text" })).toHaveValue("**Consent** was recorded");
  });
});
