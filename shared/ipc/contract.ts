// The single source of truth for Margin's Electron IPC surface.
//
// PURE module: no electron, react, dexie, node:* or DOM imports. It is shared by
// the main process, the preload and the renderer, so it must bundle anywhere.
//
// Adding a channel means: a constant in `Channels`, an entry in `InvokeContract`,
// a validator in ./validate.ts, a handler in the handlers() map of electron/main.ts
// (registered and checked by electron/ipc/registerHandlers.ts), a named function in
// MarginApi + electron/preloadApi.ts; the UI reaches it through the Host interface
// (renderer/host/host.ts), implemented by renderer/host/electronHost.ts and
// renderer/host/webHost.ts. See docs/architecture.md. Never add a generic
// "invoke(channel, ...args)" escape hatch.

/** Channel names. Renderer → main channels are request/response (`ipcRenderer.invoke`). */
export const Channels = {
  appInfo: "app:info",
  openFiles: "dialog:openFiles",
  saveFile: "file:save",
  printToPdf: "print:toPdf",
  /** Wrap / unwrap the coder's secret key with the OS keychain (Electron safeStorage). */
  keysProtect: "keys:protect",
  keysUnprotect: "keys:unprotect",
  /** Encrypted project backups under userData/backups/<projectId>/. */
  backupWrite: "backup:write",
  backupList: "backup:list",
  backupRead: "backup:read",
  backupDelete: "backup:delete",
  /** main → renderer event (webContents.send); no reply. */
  menuCommand: "menu:command",
} as const;

export type InvokeChannel =
  | typeof Channels.appInfo
  | typeof Channels.openFiles
  | typeof Channels.saveFile
  | typeof Channels.printToPdf
  | typeof Channels.keysProtect
  | typeof Channels.keysUnprotect
  | typeof Channels.backupWrite
  | typeof Channels.backupList
  | typeof Channels.backupRead
  | typeof Channels.backupDelete;

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  Channels.appInfo,
  Channels.openFiles,
  Channels.saveFile,
  Channels.printToPdf,
  Channels.keysProtect,
  Channels.keysUnprotect,
  Channels.backupWrite,
  Channels.backupList,
  Channels.backupRead,
  Channels.backupDelete,
];

// ---------------------------------------------------------------- limits
// Shared so the renderer can pre-check and show a friendly message.

const MiB = 1024 * 1024;

export const Limits = {
  /** Dialog titles, PDF titles, filter names. */
  maxTitleChars: 200,
  maxFilterNameChars: 100,
  maxFilters: 20,
  maxExtensionsPerFilter: 50,
  /** Windows MAX_PATH component length. */
  maxFileNameChars: 255,
  /** Files returned by one dialog:openFiles call. */
  maxOpenFileCount: 5000,
  /**
   * Total bytes for one dialog:openFiles reply and for one file:save request.
   * Kept well under ~512 MiB: a single Electron IPC message larger than that can
   * crash the serializer (electron/electron#53961), so large imports must be
   * done in batches.
   */
  maxPayloadBytes: 400 * MiB,
  /** print:toPdf HTML, in UTF-16 code units. Images must be inlined as data: URLs. */
  maxPrintHtmlChars: 64 * MiB,
  /** An age secret key is ~74 characters; anything much longer is not a key. */
  maxSecretChars: 4096,
  /** safeStorage output for such a secret. */
  maxProtectedBytes: 16 * 1024,
  /**
   * One backup file (backup:write, and what backup:read will read back). A backup must come back
   * through backup:read in one IPC message, so it has the same ceiling as any payload. A seed-scale
   * project's backup is about 25 MB.
   */
  maxBackupBytes: 400 * MiB,
} as const;

function wholeMiB(bytes: number): string {
  return Math.ceil(bytes / MiB).toLocaleString("en-GB");
}

/** What the researcher reads when a backup is over Limits.maxBackupBytes (main and renderer say the same). */
export function backupTooLargeMessage(bytes: number): string {
  return (
    `This project's backup would be ${wholeMiB(bytes)} MB, more than the ${wholeMiB(Limits.maxBackupBytes)} MB one backup can hold, ` +
    "so no backup was made and nothing was changed. Export the project as a bundle and keep that copy safe instead."
  );
}

// ---------------------------------------------------------------- payloads

/**
 * Whether saved keys are really protected by the OS (Electron safeStorage). Only "system-keyring"
 * counts as protected. "no-keyring": Linux without GNOME Keyring/KWallet, where safeStorage would
 * encrypt with a password hard-coded in Chromium ("basic_text"). "unavailable": no safeStorage at all.
 */
export type KeyProtectionLevel = "system-keyring" | "no-keyring" | "unavailable";

export interface AppInfo {
  version: string;
  platform: string;
  /**
   * Where Margin keeps its data, for display only, never an absolute path: "~/.config/Margin",
   * "%APPDATA%\Margin", or just the folder's name when it is outside the user's home.
   */
  dataFolder: string;
  keyProtection: KeyProtectionLevel;
}

export interface FileFilter {
  /** Display name, e.g. "Word documents". */
  name: string;
  /** Without the dot, e.g. ["docx", "txt"]; "*" means any file. */
  extensions: string[];
}

export interface OpenFilesRequest {
  title: string;
  filters: FileFilter[];
  multiple: boolean;
  /**
   * Pick one folder and read every file in it (recursively) whose extension is
   * in `filters`. Word lock files (`~$x.docx`) and hidden files are returned too
   * so the importer can report them: nothing is silently dropped.
   */
  directory?: boolean;
}

export interface OpenedFile {
  /** Base name, e.g. "interview-03.docx". */
  name: string;
  /**
   * For display only. Folder import: the path inside the chosen folder, starting
   * with the folder's name and using "/" ("Study/sub/a.docx"), like the web
   * host's webkitRelativePath. Picked files: the bare name. Absolute paths are
   * never sent to the renderer.
   */
  path: string;
  bytes: Uint8Array;
}

export interface UnreadableFile {
  name: string;
  /** Same form as OpenedFile.path. */
  path: string;
  /** Plain English, e.g. "The file is open in another program. Close it and try again." */
  reason: string;
}

export interface OpenFilesResponse {
  files: OpenedFile[];
  canceled: boolean;
  /** Files that matched but could not be read (permissions, vanished); reported, not dropped. */
  unreadable?: UnreadableFile[];
}

export interface SaveFileRequest {
  /** A bare file name (no folders), offered as the dialog's default. */
  suggestedName: string;
  data: Uint8Array;
  filters: FileFilter[];
}

export interface SaveFileResponse {
  saved: boolean;
  path?: string;
}

export type PageSize = "A4" | "Letter";

export interface PrintToPdfRequest {
  /**
   * A complete, self-contained HTML document: inline <style>, images as data:
   * URLs. Scripts never run and the network is blocked while printing.
   */
  html: string;
  pageSize: PageSize;
  /** Used as the PDF's document title when the HTML has no <title>. */
  title: string;
  /**
   * After making the PDF, also open the system print dialog on the same page in the hidden window
   * (never a silent print: Electron's silent printing has known Windows bugs).
   */
  printDialog?: boolean;
}

export interface PrintToPdfResponse {
  pdf: Uint8Array;
  /** Only when printDialog was asked for: whether the researcher printed (false: cancelled or failed). */
  printed?: boolean;
}

export interface KeysProtectRequest {
  /** The coder's age secret key (AGE-SECRET-KEY-1…). */
  secret: string;
}

export interface KeysProtectResponse {
  /** safeStorage ciphertext; only this OS account on this machine can unwrap it. */
  wrapped: Uint8Array;
}

export interface KeysUnprotectRequest {
  wrapped: Uint8Array;
}

export interface KeysUnprotectResponse {
  secret: string;
}

export interface BackupWriteRequest {
  /** UUID; the backups folder's sub-folder. */
  projectId: string;
  /** Must match shared/backups/names.ts (time and reason in the name). */
  fileName: string;
  data: Uint8Array;
}

export interface BackupRef {
  projectId: string;
  fileName: string;
}

export interface BackupFileInfo {
  fileName: string;
  size: number;
}

export interface BackupListResponse {
  backups: BackupFileInfo[];
}

export interface BackupReadResponse {
  data: Uint8Array;
}

export const MENU_COMMANDS = ["import", "export", "print", "settings", "find", "undo", "redo"] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === "string" && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** Request/response types per invoke channel. `undefined` request = no argument. */
export interface InvokeContract {
  [Channels.appInfo]: { request: undefined; response: AppInfo };
  [Channels.openFiles]: { request: OpenFilesRequest; response: OpenFilesResponse };
  [Channels.saveFile]: { request: SaveFileRequest; response: SaveFileResponse };
  [Channels.printToPdf]: { request: PrintToPdfRequest; response: PrintToPdfResponse };
  [Channels.keysProtect]: { request: KeysProtectRequest; response: KeysProtectResponse };
  [Channels.keysUnprotect]: { request: KeysUnprotectRequest; response: KeysUnprotectResponse };
  [Channels.backupWrite]: { request: BackupWriteRequest; response: { written: true } };
  [Channels.backupList]: { request: { projectId: string }; response: BackupListResponse };
  [Channels.backupRead]: { request: BackupRef; response: BackupReadResponse };
  [Channels.backupDelete]: { request: BackupRef; response: { deleted: boolean } };
}

export type RequestOf<C extends InvokeChannel> = InvokeContract[C]["request"];
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]["response"];

// ---------------------------------------------------------------- errors
// Main never throws across IPC (Electron would prefix the message with
// "Error invoking remote method ..."); it replies with an envelope and the
// preload turns failures into an Error whose message starts with "[code] ".

export type HostErrorCode =
  | "invalid-request"
  | "forbidden-sender"
  | "too-many-files"
  | "too-large"
  | "permission-denied"
  | "file-busy"
  | "disk-full"
  | "not-found"
  | "timeout"
  | "unavailable"
  | "internal";

export interface HostErrorInfo {
  code: HostErrorCode;
  /** Plain-English, safe to show to the user. */
  message: string;
}

export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: HostErrorInfo };

export function formatHostError(error: HostErrorInfo): string {
  return `[${error.code}] ${error.message}`;
}

/** Recover the code from an Error thrown by a window.margin call (undefined if not a host error). */
export function hostErrorCode(error: unknown): HostErrorCode | undefined {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const match = /^\[([a-z-]+)\] /.exec(message);
  return match?.[1] as HostErrorCode | undefined;
}

// ---------------------------------------------------------------- preload API

/** Exposed by electron/preload.ts as `window.margin`. Every call may reject with a host error. */
export interface MarginApi {
  appInfo(): Promise<AppInfo>;
  openFiles(req: OpenFilesRequest): Promise<OpenFilesResponse>;
  saveFile(req: SaveFileRequest): Promise<SaveFileResponse>;
  printToPdf(req: PrintToPdfRequest): Promise<PrintToPdfResponse>;
  protectKey(req: KeysProtectRequest): Promise<KeysProtectResponse>;
  unprotectKey(req: KeysUnprotectRequest): Promise<KeysUnprotectResponse>;
  writeBackup(req: BackupWriteRequest): Promise<{ written: true }>;
  listBackups(req: { projectId: string }): Promise<BackupListResponse>;
  readBackup(req: BackupRef): Promise<BackupReadResponse>;
  deleteBackup(req: BackupRef): Promise<{ deleted: boolean }>;
  /** Returns an unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
}
