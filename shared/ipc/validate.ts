// Strict runtime validators for every invoke channel's request.
//
// PURE module (no deps). The main process treats the renderer as untrusted:
// every request is checked here before any handler runs. Validators are
// allow-lists: exact key sets, exact types, bounded sizes. They return a fresh
// copy, so nothing the renderer attached (extra props, getters, prototypes)
// reaches a handler.

import { FILE_NAME_FORBIDDEN_CHARACTERS } from "../text/fileName";
import { isBackupFileName, isBackupProjectId } from "../backups/names";
import {
  Channels,
  Limits,
  type FileFilter,
  type InvokeChannel,
  type MenuCommand,
  type OpenFilesRequest,
  type PageSize,
  type PrintToPdfRequest,
  type RequestOf,
  type SaveFileRequest,
  type BackupRef,
  type BackupWriteRequest,
  type KeysProtectRequest,
  type KeysUnprotectRequest,
  isMenuCommand,
} from "./contract";

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

class Invalid extends Error {}

function fail(path: string, why: string): never {
  throw new Invalid(`${path}: ${why}`);
}

// C0/C1 controls and DEL: never legitimate in titles or file names.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
// Bidi overrides/isolates can disguise a file name ("Trojan Source" style spoofing).
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const EXTENSION = /^(?:\*|[A-Za-z0-9]{1,16})$/;
const PAGE_SIZES: readonly PageSize[] = ["A4", "Letter"];

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  // Plain objects only (possibly from another realm): proto is null or an Object.prototype.
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function record(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (!isRecord(value)) fail(path, "must be a plain object");
  const allowed = new Set([...required, ...optional]);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== "string" || !allowed.has(key)) fail(path, `unexpected key ${String(key)}`);
    const desc = Object.getOwnPropertyDescriptor(value, key);
    if (desc === undefined || !("value" in desc)) fail(`${path}.${key}`, "must be a data property");
  }
  for (const key of required) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) fail(`${path}.${key}`, "is required");
  }
  return value;
}

function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, "must be an array");
  if (value.length > max) fail(path, `must have at most ${max} items`);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) fail(`${path}[${i}]`, "is missing");
  }
  return value;
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(path, "must be a boolean");
  return value;
}

/** A single-line human string: bounded, no control or bidi-override characters. */
function text(value: unknown, path: string, maxChars: number): string {
  if (typeof value !== "string") fail(path, "must be a string");
  if (value.length > maxChars) fail(path, `must be at most ${maxChars} characters`);
  if (CONTROL_CHARS.test(value)) fail(path, "must not contain control characters");
  if (BIDI_CONTROLS.test(value)) fail(path, "must not contain bidirectional control characters");
  return value;
}

/** A bare file name: no folders, no traversal, nothing Windows would reject or reinterpret. */
export function isSafeFileName(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (value.length === 0 || value.length > Limits.maxFileNameChars) return false;
  if (CONTROL_CHARS.test(value) || BIDI_CONTROLS.test(value)) return false;
  if ([...value].some((c) => FILE_NAME_FORBIDDEN_CHARACTERS.includes(c))) return false;
  if (/^\.+$/.test(value)) return false; // ".", "..", "..."
  if (value.trim() !== value || value.endsWith(".")) return false; // Windows silently strips these
  if (WINDOWS_RESERVED.test(value)) return false;
  return true;
}

function bytes(value: unknown, path: string, maxBytes: number): Uint8Array {
  // toStringTag works across realms and for Node Buffers (a Uint8Array subclass).
  if (!ArrayBuffer.isView(value) || Object.prototype.toString.call(value) !== "[object Uint8Array]") {
    fail(path, "must be a Uint8Array");
  }
  const view = value as Uint8Array;
  if (view.byteLength > maxBytes) fail(path, `must be at most ${maxBytes} bytes`);
  return view;
}

function filters(value: unknown, path: string): FileFilter[] {
  return list(value, path, Limits.maxFilters).map((item, i) => {
    const p = `${path}[${i}]`;
    const f = record(item, p, ["name", "extensions"]);
    const exts = list(f["extensions"], `${p}.extensions`, Limits.maxExtensionsPerFilter);
    if (exts.length === 0) fail(`${p}.extensions`, "must not be empty");
    return {
      name: text(f["name"], `${p}.name`, Limits.maxFilterNameChars),
      extensions: exts.map((ext, j) => {
        if (typeof ext !== "string" || !EXTENSION.test(ext)) {
          fail(`${p}.extensions[${j}]`, 'must be "*" or 1-16 letters/digits without a dot');
        }
        return ext;
      }),
    };
  });
}

function openFilesRequest(input: unknown): OpenFilesRequest {
  const r = record(input, "request", ["title", "filters", "multiple"], ["directory"]);
  const out: OpenFilesRequest = {
    title: text(r["title"], "request.title", Limits.maxTitleChars),
    filters: filters(r["filters"], "request.filters"),
    multiple: bool(r["multiple"], "request.multiple"),
  };
  if (r["directory"] !== undefined) out.directory = bool(r["directory"], "request.directory");
  return out;
}

function saveFileRequest(input: unknown): SaveFileRequest {
  const r = record(input, "request", ["suggestedName", "data", "filters"]);
  if (!isSafeFileName(r["suggestedName"])) {
    fail("request.suggestedName", "must be a plain file name (no folders, reserved names or special characters)");
  }
  return {
    suggestedName: r["suggestedName"],
    data: bytes(r["data"], "request.data", Limits.maxPayloadBytes),
    filters: filters(r["filters"], "request.filters"),
  };
}

function printToPdfRequest(input: unknown): PrintToPdfRequest {
  const r = record(input, "request", ["html", "pageSize", "title"], ["printDialog"]);
  const html = r["html"];
  if (typeof html !== "string") fail("request.html", "must be a string");
  if (html.length === 0) fail("request.html", "must not be empty");
  if (html.length > Limits.maxPrintHtmlChars) fail("request.html", `must be at most ${Limits.maxPrintHtmlChars} characters`);
  const pageSize = r["pageSize"];
  if (typeof pageSize !== "string" || !(PAGE_SIZES as readonly string[]).includes(pageSize)) {
    fail("request.pageSize", 'must be "A4" or "Letter"');
  }
  const out: PrintToPdfRequest = { html, pageSize: pageSize as PageSize, title: text(r["title"], "request.title", Limits.maxTitleChars) };
  if (r["printDialog"] !== undefined) out.printDialog = bool(r["printDialog"], "request.printDialog");
  return out;
}

function keysProtectRequest(input: unknown): KeysProtectRequest {
  const r = record(input, "request", ["secret"]);
  const secret = r["secret"];
  if (typeof secret !== "string" || secret.length === 0) fail("request.secret", "must be a non-empty string");
  if (secret.length > Limits.maxSecretChars) fail("request.secret", `must be at most ${Limits.maxSecretChars} characters`);
  return { secret };
}

function keysUnprotectRequest(input: unknown): KeysUnprotectRequest {
  const r = record(input, "request", ["wrapped"]);
  const wrapped = bytes(r["wrapped"], "request.wrapped", Limits.maxProtectedBytes);
  if (wrapped.byteLength === 0) fail("request.wrapped", "must not be empty");
  return { wrapped };
}

function projectId(value: unknown, path: string): string {
  if (!isBackupProjectId(value)) fail(path, "must be a project id");
  return value;
}

function backupName(value: unknown, path: string): string {
  // One strict pattern (backup-<time>Z-<reason>.margin): no folders, no traversal, no surprises.
  if (!isBackupFileName(value)) fail(path, "must be a backup file name");
  return value;
}

function backupWriteRequest(input: unknown): BackupWriteRequest {
  const r = record(input, "request", ["projectId", "fileName", "data"]);
  return {
    projectId: projectId(r["projectId"], "request.projectId"),
    fileName: backupName(r["fileName"], "request.fileName"),
    data: bytes(r["data"], "request.data", Limits.maxBackupBytes),
  };
}

function backupListRequest(input: unknown): { projectId: string } {
  const r = record(input, "request", ["projectId"]);
  return { projectId: projectId(r["projectId"], "request.projectId") };
}

function backupRef(input: unknown): BackupRef {
  const r = record(input, "request", ["projectId", "fileName"]);
  return { projectId: projectId(r["projectId"], "request.projectId"), fileName: backupName(r["fileName"], "request.fileName") };
}

function noRequest(input: unknown): undefined {
  if (input !== undefined) fail("request", "must be omitted");
  return undefined;
}

type Validators = { [C in InvokeChannel]: (input: unknown) => RequestOf<C> };

const checks: Validators = {
  [Channels.appInfo]: noRequest,
  [Channels.openFiles]: openFilesRequest,
  [Channels.saveFile]: saveFileRequest,
  [Channels.printToPdf]: printToPdfRequest,
  [Channels.keysProtect]: keysProtectRequest,
  [Channels.keysUnprotect]: keysUnprotectRequest,
  [Channels.backupWrite]: backupWriteRequest,
  [Channels.backupList]: backupListRequest,
  [Channels.backupRead]: backupRef,
  [Channels.backupDelete]: backupRef,
};

/** Validate one channel's request. Never throws. */
export function validateRequest<C extends InvokeChannel>(channel: C, input: unknown): Validation<RequestOf<C>> {
  const check = (checks as Partial<Record<string, (input: unknown) => unknown>>)[channel];
  if (check === undefined) return { ok: false, error: `unknown channel ${String(channel)}` };
  try {
    return { ok: true, value: check(input) as RequestOf<C> };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, error: err.message };
    // A hostile getter/proxy could throw anything; report it as invalid, not as a crash.
    return { ok: false, error: "request: could not be read" };
  }
}

/** For the preload: main → renderer menu events are checked too. */
export function validateMenuCommand(input: unknown): Validation<MenuCommand> {
  return isMenuCommand(input) ? { ok: true, value: input } : { ok: false, error: "unknown menu command" };
}
