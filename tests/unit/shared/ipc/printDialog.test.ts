import type { PrintToPDFOptions, WebContentsPrintOptions } from "electron";
import { describe, expect, it } from "vitest";
import { validateRequest } from "../../../../shared/ipc/validate";
import { Channels } from "../../../../shared/ipc/contract";
import { PrintPageStore } from "../../../../electron/print/printPages";
import { pdfOptions, printToPdf, type PrintWindowLike } from "../../../../electron/print/printToPdf";

const TOKEN = "fedcba9876543210-token";

function fakeWindow(printResult: boolean | "missing") {
  const state = {
    pdfOptions: [] as PrintToPDFOptions[],
    printOptions: [] as WebContentsPrintOptions[],
    destroyedAt: "" as string,
    order: [] as string[],
  };
  const store = new PrintPageStore(() => TOKEN);
  let destroyed = false;
  const webContents: PrintWindowLike["webContents"] = {
    printToPDF: (o) => {
      state.order.push("pdf");
      state.pdfOptions.push(o);
      return Promise.resolve(new Uint8Array([37, 80, 68, 70]));
    },
  };
  if (printResult !== "missing") {
    webContents.print = (o, callback) => {
      state.order.push("dialog");
      state.printOptions.push(o);
      // The dialog answers later, as a real one does.
      setTimeout(() => callback(printResult, printResult ? "" : "cancelled"), 5);
    };
  }
  const win: PrintWindowLike = {
    loadURL: () => Promise.resolve(),
    webContents,
    destroy: () => {
      destroyed = true;
      state.order.push("destroy");
    },
    isDestroyed: () => destroyed,
  };
  return { win, state, store };
}

const request = { html: "<html><head></head><body><h1>Code report</h1></body></html>", pageSize: "Letter" as const, title: "Code report" };

describe("print:toPdf for reports", () => {
  it("lets the report's @page rule set paper, margins, running header and page numbers", () => {
    expect(pdfOptions(request)).toMatchObject({
      pageSize: "Letter",
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
  });

  it("makes the PDF, then opens the system print dialog (never silent) on the same page, then cleans up", async () => {
    const { win, state, store } = fakeWindow(true);
    const res = await printToPdf({ ...request, printDialog: true }, { createWindow: () => win, pages: store });
    expect(Array.from(res.pdf)).toEqual([37, 80, 68, 70]);
    expect(res.printed).toBe(true);
    expect(state.order).toEqual(["pdf", "dialog", "destroy"]);
    expect(state.printOptions[0]).toMatchObject({ silent: false, printBackground: true, pageSize: "Letter" });
    expect(store.size).toBe(0);
  });

  it("reports a cancelled dialog as not printed", async () => {
    const { win, store } = fakeWindow(false);
    const res = await printToPdf({ ...request, printDialog: true }, { createWindow: () => win, pages: store });
    expect(res.printed).toBe(false);
  });

  it("does not time out while the researcher is in the dialog", async () => {
    const { win, store } = fakeWindow(true);
    // The dialog answers after 5 ms; a 1 ms timeout applies only to making the PDF.
    const res = await printToPdf({ ...request, printDialog: true }, { createWindow: () => win, pages: store, timeoutMs: 1 });
    expect(res.printed).toBe(true);
  });

  it("without printDialog only makes the PDF", async () => {
    const { win, state, store } = fakeWindow(true);
    const res = await printToPdf(request, { createWindow: () => win, pages: store });
    expect(res.printed).toBeUndefined();
    expect(state.order).toEqual(["pdf", "destroy"]);
  });

  it("fails clearly, and cleans up, when the window cannot print", async () => {
    const { win, state, store } = fakeWindow("missing");
    await expect(printToPdf({ ...request, printDialog: true }, { createWindow: () => win, pages: store })).rejects.toThrow("cannot print");
    expect(state.order).toEqual(["pdf", "destroy"]);
    expect(store.size).toBe(0);
  });

  it("validates printDialog as an optional boolean", () => {
    expect(validateRequest(Channels.printToPdf, { ...request, printDialog: true })).toMatchObject({
      ok: true,
      value: { printDialog: true },
    });
    expect(validateRequest(Channels.printToPdf, request)).toMatchObject({ ok: true });
    expect(validateRequest(Channels.printToPdf, { ...request, printDialog: "yes" })).toMatchObject({ ok: false });
  });
});
