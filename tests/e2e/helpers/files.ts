import type { Locator, Page } from "@playwright/test";

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Drops files on an element the way the OS does: one DataTransfer holding all of them. */
export async function dropFiles(page: Page, target: Locator, files: FilePayload[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (payload) => {
      const transfer = new DataTransfer();
      for (const file of payload) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
      }
      return transfer;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString("base64") })),
  );
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
