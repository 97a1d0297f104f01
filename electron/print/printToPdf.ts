// print:toPdf — render renderer-supplied HTML to PDF in a hidden, sandboxed,
// script-less window. The HTML is served from memory at app://print/<token>
// (see printPages.ts), a separate origin with a no-script, no-network CSP, and
// removed as soon as the PDF is made (and, with printDialog, printed). Window
// creation is injected for tests.

import type { PrintToPDFOptions, WebContentsPrintOptions } from "electron";
import type { PrintToPdfRequest, PrintToPdfResponse } from "../../shared/ipc/contract";
import { escapeHtml } from "../../shared/text/escapeHtml";
import { exactBytes } from "../ipc/bytes";
import { HostError } from "../ipc/errors";
import { PRINT_URL_PREFIX } from "../protocol/origin";
import type { PrintPageStore } from "./printPages";

export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: {
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
    /** Opens the system print dialog (silent: false) on the loaded page. */
    print?(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  };
  destroy(): void;
  isDestroyed(): boolean;
}

export interface PrintDeps {
  /** Must create a hidden window: sandbox, contextIsolation, javascript: false, no preload. */
  createWindow(): PrintWindowLike;
  pages: Pick<PrintPageStore, "add" | "delete">;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** PDF viewers show the document <title>; add one from `title` if the HTML has none. */
export function withTitle(html: string, title: string): string {
  if (/<title[\s>]/i.test(html) || title === "") return html;
  const tag = `<title>${escapeHtml(title, "numeric")}</title>`;
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head !== null) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}

export function pdfOptions(req: PrintToPdfRequest): PrintToPDFOptions {
  return {
    pageSize: req.pageSize,
    // The report's @page rule sets size, margins, running header and "Page X of Y"; Electron's own
    // header and footer would print over them.
    preferCSSPageSize: true,
    displayHeaderFooter: false,
    printBackground: true,
    generateTaggedPDF: true, // accessible PDF for screen-reader users
    generateDocumentOutline: true, // bookmarks from headings
  };
}

/**
 * The system print dialog on the page the PDF was made from, so what prints is what the PDF shows.
 * Never silent (Electron's silent printing has known Windows bugs). No timeout: the researcher may
 * take their time in the dialog. Resolves whether they printed.
 */
export function printDialogOptions(req: PrintToPdfRequest): WebContentsPrintOptions {
  return { silent: false, printBackground: true, pageSize: req.pageSize };
}

function openPrintDialog(win: PrintWindowLike, req: PrintToPdfRequest): Promise<boolean> {
  const print = win.webContents.print?.bind(win.webContents);
  if (!print) return Promise.reject(new HostError("internal", "This window cannot print."));
  return new Promise<boolean>((resolve) => print(printDialogOptions(req), (success) => resolve(success)));
}

export async function printToPdf(req: PrintToPdfRequest, deps: PrintDeps): Promise<PrintToPdfResponse> {
  const token = deps.pages.add(withTitle(req.html, req.title));
  let win: PrintWindowLike | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new HostError("timeout", "Making the PDF took too long. Try printing fewer pages."));
    }, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  });
  try {
    win = deps.createWindow();
    const target = win;
    const work = (async (): Promise<Uint8Array> => {
      await target.loadURL(`${PRINT_URL_PREFIX}${token}`);
      return target.webContents.printToPDF(pdfOptions(req));
    })();
    work.catch(() => undefined); // if the timeout wins, a late failure must not go unhandled
    const pdf = await Promise.race([work, timeout]);
    if (timer !== undefined) clearTimeout(timer);
    if (!req.printDialog) return { pdf: exactBytes(pdf) };
    return { pdf: exactBytes(pdf), printed: await openPrintDialog(target, req) };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    deps.pages.delete(token);
    if (win !== undefined && !win.isDestroyed()) win.destroy();
  }
}
