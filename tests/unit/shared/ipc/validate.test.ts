import { describe, expect, it } from "vitest";
import { Channels, INVOKE_CHANNELS, Limits } from "../../../../shared/ipc/contract";
import { isSafeFileName, validateMenuCommand, validateRequest } from "../../../../shared/ipc/validate";

const filters = [{ name: "Documents", extensions: ["docx", "txt"] }];
const goodOpen = { title: "Import interviews", filters, multiple: true };
const goodSave = { suggestedName: "codebook.docx", data: new Uint8Array([1, 2, 3]), filters };
const goodPrint = { html: "<h1>Codebook</h1>", pageSize: "A4", title: "Codebook" };

const accepts = (channel: Parameters<typeof validateRequest>[0], input: unknown) => expect(validateRequest(channel, input).ok).toBe(true);
const rejects = (channel: Parameters<typeof validateRequest>[0], input: unknown) => expect(validateRequest(channel, input).ok).toBe(false);

describe("every channel has a validator", () => {
  it.each(INVOKE_CHANNELS)("%s", (channel) => {
    expect(validateRequest(channel, Symbol("x")).ok).toBe(false);
  });
  it("unknown channels are rejected", () => {
    expect(validateRequest("shell:exec" as never, {}).ok).toBe(false);
  });
});

describe("app:info", () => {
  it("accepts no request and rejects anything else", () => {
    accepts(Channels.appInfo, undefined);
    for (const bad of [null, {}, "x", 0]) rejects(Channels.appInfo, bad);
  });
});

describe("dialog:openFiles", () => {
  it("accepts good input (with and without directory)", () => {
    accepts(Channels.openFiles, goodOpen);
    accepts(Channels.openFiles, { ...goodOpen, directory: true });
    accepts(Channels.openFiles, { ...goodOpen, filters: [] });
    accepts(Channels.openFiles, { ...goodOpen, filters: [{ name: "All", extensions: ["*"] }] });
  });

  it("returns a clean copy", () => {
    const res = validateRequest(Channels.openFiles, { ...goodOpen, directory: false });
    expect(res).toEqual({ ok: true, value: { ...goodOpen, directory: false } });
    if (res.ok) expect(res.value.filters).not.toBe(goodOpen.filters);
  });

  it.each([
    ["not an object", "open"],
    ["null", null],
    ["array", [goodOpen]],
    ["missing title", { filters, multiple: true }],
    ["missing filters", { title: "t", multiple: true }],
    ["missing multiple", { title: "t", filters }],
    ["extra key", { ...goodOpen, defaultPath: "/etc" }],
    ["title wrong type", { ...goodOpen, title: 42 }],
    ["multiple wrong type", { ...goodOpen, multiple: "yes" }],
    ["directory wrong type", { ...goodOpen, directory: 1 }],
    ["huge title", { ...goodOpen, title: "x".repeat(Limits.maxTitleChars + 1) }],
    ["control char in title", { ...goodOpen, title: "a\nb" }],
    ["filters not array", { ...goodOpen, filters: {} }],
    ["too many filters", { ...goodOpen, filters: Array.from({ length: Limits.maxFilters + 1 }, () => filters[0]) }],
    ["filter extra key", { ...goodOpen, filters: [{ ...filters[0], hidden: true }] }],
    ["filter missing extensions", { ...goodOpen, filters: [{ name: "x" }] }],
    ["empty extensions", { ...goodOpen, filters: [{ name: "x", extensions: [] }] }],
    ["extension with dot", { ...goodOpen, filters: [{ name: "x", extensions: [".docx"] }] }],
    ["extension path-like", { ...goodOpen, filters: [{ name: "x", extensions: ["../x"] }] }],
    ["extension wrong type", { ...goodOpen, filters: [{ name: "x", extensions: [7] }] }],
    ["huge filter name", { ...goodOpen, filters: [{ name: "x".repeat(1000), extensions: ["txt"] }] }],
    ["class instance", Object.assign(new (class Req {})(), goodOpen)],
    ["getter", Object.defineProperty({ filters, multiple: true }, "title", { enumerable: true, get: () => "t" })],
  ])("rejects %s", (_label, input) => {
    rejects(Channels.openFiles, input);
  });

  it("does not crash on a throwing proxy", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("boom");
        },
      },
    );
    expect(validateRequest(Channels.openFiles, hostile)).toEqual({ ok: false, error: "request: could not be read" });
  });
});

describe("file:save", () => {
  it("accepts good input, including a Node Buffer", () => {
    accepts(Channels.saveFile, goodSave);
    accepts(Channels.saveFile, { ...goodSave, data: Buffer.from("hi") });
    accepts(Channels.saveFile, { ...goodSave, suggestedName: "Interview 3 – codes (final).txt" });
  });

  it.each([
    ["missing data", { suggestedName: "a.txt", filters }],
    ["extra key", { ...goodSave, path: "/tmp/a.txt" }],
    ["data as array", { ...goodSave, data: [1, 2, 3] }],
    ["data as ArrayBuffer", { ...goodSave, data: new ArrayBuffer(3) }],
    ["data as other typed array", { ...goodSave, data: new Uint16Array(3) }],
    ["data as string", { ...goodSave, data: "abc" }],
    ["name wrong type", { ...goodSave, suggestedName: 5 }],
  ])("rejects %s", (_label, input) => {
    rejects(Channels.saveFile, input);
  });

  it.each([
    "../evil.txt",
    "..",
    ".",
    "a/b.txt",
    "a\\b.txt",
    "/etc/passwd",
    "C:\\Windows\\x.txt",
    "C:x.txt",
    "CON",
    "nul.txt",
    "COM1.docx",
    "x.txt ",
    "x.txt.",
    " ",
    "",
    "a\u0000b.txt",
    "file\u202Etxt.exe",
    "what?.txt",
    "a".repeat(256),
  ])("rejects path-like or unsafe name %j", (name) => {
    expect(isSafeFileName(name)).toBe(false);
    rejects(Channels.saveFile, { ...goodSave, suggestedName: name });
  });

  it("rejects oversized data without copying it", () => {
    const view = new Uint8Array(new ArrayBuffer(Limits.maxPayloadBytes + 1));
    rejects(Channels.saveFile, { ...goodSave, data: view });
  });
});

describe("print:toPdf", () => {
  it("accepts good input", () => {
    accepts(Channels.printToPdf, goodPrint);
    accepts(Channels.printToPdf, { ...goodPrint, pageSize: "Letter", title: "" });
  });

  it.each([
    ["missing html", { pageSize: "A4", title: "t" }],
    ["empty html", { ...goodPrint, html: "" }],
    ["html wrong type", { ...goodPrint, html: ["<p>"] }],
    ["huge html", { ...goodPrint, html: "x".repeat(Limits.maxPrintHtmlChars + 1) }],
    ["bad page size", { ...goodPrint, pageSize: "A3" }],
    ["lowercase page size", { ...goodPrint, pageSize: "a4" }],
    ["huge title", { ...goodPrint, title: "t".repeat(10_000) }],
    ["extra key", { ...goodPrint, landscape: true }],
    ["url instead of html", { url: "file:///etc/passwd", pageSize: "A4", title: "t" }],
  ])("rejects %s", (_label, input) => {
    rejects(Channels.printToPdf, input);
  });
});

describe("menu:command", () => {
  it("accepts only known commands", () => {
    for (const c of ["import", "export", "print", "settings", "find", "undo", "redo"]) expect(validateMenuCommand(c).ok).toBe(true);
    for (const c of ["quit", "", null, 1, { c: "import" }]) expect(validateMenuCommand(c).ok).toBe(false);
  });
});

describe("keys:protect / keys:unprotect", () => {
  it("accept a secret and wrapped bytes", () => {
    accepts(Channels.keysProtect, { secret: "AGE-SECRET-KEY-1ABC" });
    accepts(Channels.keysUnprotect, { wrapped: new Uint8Array([1, 2]) });
  });
  it("reject empty, oversized or mistyped input", () => {
    rejects(Channels.keysProtect, { secret: "" });
    rejects(Channels.keysProtect, { secret: "x".repeat(Limits.maxSecretChars + 1) });
    rejects(Channels.keysProtect, { secret: "k", extra: 1 });
    rejects(Channels.keysUnprotect, { wrapped: new Uint8Array(0) });
    rejects(Channels.keysUnprotect, { wrapped: "bytes" });
    rejects(Channels.keysUnprotect, { wrapped: new Uint8Array(Limits.maxProtectedBytes + 1) });
  });
});

describe("backup:*", () => {
  const projectId = "0196f3c2-1111-7aaa-8bbb-123456789abc";
  const fileName = "backup-20261126T191946123Z-merge.margin";
  it("accept a project id and a backup file name", () => {
    accepts(Channels.backupWrite, { projectId, fileName, data: new Uint8Array([1]) });
    accepts(Channels.backupList, { projectId });
    accepts(Channels.backupRead, { projectId, fileName });
    accepts(Channels.backupDelete, { projectId, fileName });
  });
  it("refuse backup data over the documented maximum", () => {
    rejects(Channels.backupWrite, { projectId, fileName, data: new Uint8Array(new ArrayBuffer(Limits.maxBackupBytes + 1)) });
  });
  it("refuse path traversal and foreign names", () => {
    for (const bad of ["../secrets.margin", "..\\x.margin", `sub/${fileName}`, "notes.txt", `${fileName}.exe`]) {
      rejects(Channels.backupRead, { projectId, fileName: bad });
      rejects(Channels.backupDelete, { projectId, fileName: bad });
      rejects(Channels.backupWrite, { projectId, fileName: bad, data: new Uint8Array([1]) });
    }
    for (const bad of ["..", "../other", "C:\\\\Users", projectId.toUpperCase() + "/x"]) {
      rejects(Channels.backupList, { projectId: bad });
      rejects(Channels.backupRead, { projectId: bad, fileName });
    }
  });
});
