/**
 * What the UI needs from the machine it runs on. Two implementations: Electron (through the preload's
 * window.margin) and the web host (file inputs, downloads, window.print) used in a plain browser and
 * in the end-to-end tests.
 */

import type { KeyProtectionLevel } from "../../shared/ipc/contract";

export type { KeyProtectionLevel };

export interface PickedFile {
  name: string;
  /** Folder-relative path when a folder was picked, else the name. */
  path: string;
  size: number;
  /** Read lazily so a 1,000-file batch is not held in memory at once. */
  bytes(): Promise<Uint8Array>;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export type MenuCommand = "import" | "export" | "print" | "settings" | "find" | "undo" | "redo";

export interface HostInfo {
  kind: "electron" | "web";
  version: string;
  platform: string;
  /** Where the researcher's data lives, in words. */
  dataLocation: string;
  /**
   * Whether saved keys are really protected by the OS keyring (Electron safeStorage). Only
   * "system-keyring" is protected; the web host is always "unavailable".
   */
  keyProtection: KeyProtectionLevel;
}

/** The OS keychain (Electron safeStorage); absent when the host cannot protect keys. */
export interface KeyProtection {
  protect(secret: string): Promise<Uint8Array>;
  unprotect(wrapped: Uint8Array): Promise<string>;
}

export interface BackupFile {
  fileName: string;
  size: number;
}

/** Where encrypted backups live outside the project's own database (Electron: userData/backups). */
export interface HostBackupStore {
  write(projectId: string, fileName: string, data: Uint8Array): Promise<void>;
  list(projectId: string): Promise<BackupFile[]>;
  read(projectId: string, fileName: string): Promise<Uint8Array>;
  remove(projectId: string, fileName: string): Promise<void>;
}

export interface Host {
  readonly kind: "electron" | "web";
  info(): Promise<HostInfo>;
  pickFiles(options: { title: string; filters: FileFilter[]; multiple: boolean; directory?: boolean }): Promise<PickedFile[]>;
  saveFile(options: { suggestedName: string; data: Uint8Array; mimeType: string; filters: FileFilter[] }): Promise<boolean>;
  /** Prints the current document (reports render as print-styled routes). */
  print(): Promise<void>;
  /**
   * Electron only: renders a self-contained HTML document to a tagged PDF with an outline in a hidden,
   * script-less window; with `printDialog`, then opens the system print dialog on that page. The web host
   * has none: window.print() and its dialog's "Save as PDF" do the same.
   */
  printToPdf?(request: { html: string; pageSize: "A4" | "Letter"; title: string; printDialog?: boolean }): Promise<Uint8Array>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Null on the web host: the key is then kept unwrapped in IndexedDB (and Settings says so). */
  readonly keyProtection: KeyProtection | null;
  /** Null on the web host: backups then go to the separate "margin-backups" IndexedDB database. */
  readonly backupStore: HostBackupStore | null;
}
