import type { PrintToPDFOptions } from "electron";
import { describe, expect, it } from "vitest";
import { HostError } from "../../../electron/ipc/errors";
import { PrintPageStore } from "../../../electron/print/printPages";
import { printToPdf, withTitle, type PrintWindowLike } from "../../../electron/print/printToPdf";

const TOKEN = "0123456789abcdef-token";

function fakeWindow(behaviour: { load?: () => Promise<void>; pdf?: () => Promise<Uint8Array> } = {}) {
  const state = { loaded: [] as string[], options: [] as PrintToPDFOptions[], destroyed: false, htmlAtLoad: "" };
  const store = new PrintPageStore(() => TOKEN);
  const win: PrintWindowLike = {
    loadURL: (url) => {
      state.loaded.push(url);
      state.htmlAtLoad = store.get(TOKEN) ?? "";
      return behaviour.load?.() ?? Promise.resolve();
    },
    webContents: {
      printToPDF: (o) => {
        state.options.push(o);
        return behaviour.pdf?.() ?? Promise.resolve(new Uint8Array([37, 80, 68, 70]));
      },
    },
    destroy: () => {
      state.destroyed = true;
    },
    isDestroyed: () => state.destroyed,
  };
  return { win, state, store };
}

describe("printToPdf", () => {
  it("loads the HTML from app://print/<token>, prints a tagged PDF with outline, then cleans up", async () => {
    const { win, state, store } = fakeWindow();
    const res = await printToPdf(
      { html: "<html><head></head><body>Hi</body></html>", pageSize: "A4", title: "Codebook" },
      {
        createWindow: () => win,
        pages: store,
      },
    );
    expect(Array.from(res.pdf)).toEqual([37, 80, 68, 70]);
    expect(state.loaded).toEqual([`app://print/${TOKEN}`]);
    expect(state.htmlAtLoad).toBe("<html><head><title>Codebook</title></head><body>Hi</body></html>");
    expect(state.options[0]).toMatchObject({
      pageSize: "A4",
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      printBackground: true,
    });
    expect(state.destroyed).toBe(true);
    expect(store.size).toBe(0);
  });

  it("cleans up when printing fails", async () => {
    const { win, state, store } = fakeWindow({ pdf: () => Promise.reject(new Error("boom")) });
    await expect(printToPdf({ html: "x", pageSize: "Letter", title: "" }, { createWindow: () => win, pages: store })).rejects.toThrow(
      "boom",
    );
    expect(state.destroyed).toBe(true);
    expect(store.size).toBe(0);
  });

  it("times out a hung load and cleans up", async () => {
    const { win, state, store } = fakeWindow({ load: () => new Promise<void>(() => undefined) });
    const err = await printToPdf({ html: "x", pageSize: "A4", title: "t" }, { createWindow: () => win, pages: store, timeoutMs: 20 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe("timeout");
    expect(state.destroyed).toBe(true);
    expect(store.size).toBe(0);
  });
});

describe("withTitle", () => {
  it("keeps an existing title, escapes an injected one", () => {
    expect(withTitle("<head><title>A</title></head>", "B")).toBe("<head><title>A</title></head>");
    expect(withTitle("<p>x</p>", "<script>&")).toBe("<title>&#60;script&#62;&#38;</title><p>x</p>");
    expect(withTitle('<HEAD lang="en"><p>', "T")).toBe('<HEAD lang="en"><title>T</title><p>');
    expect(withTitle("<p>x</p>", "")).toBe("<p>x</p>");
  });
});

describe("PrintPageStore", () => {
  it("refuses weak or duplicate tokens", () => {
    expect(() => new PrintPageStore(() => "short").add("x")).toThrow();
    const store = new PrintPageStore(() => TOKEN);
    store.add("a");
    expect(() => store.add("b")).toThrow();
  });
});
