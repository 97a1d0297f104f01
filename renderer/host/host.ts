/**
 * What the UI needs from the machine it runs on. Two implementations: Electron (through the preload's
 * window.margin) and the web host (file inputs, downloads, window.print) used in a plain browser and
 * in the end-to-end tests.
 */

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
  /** Whether keys can be protected by the OS keychain (Electron safeStorage). */
  secureKeyStorage: boolean;
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
}
