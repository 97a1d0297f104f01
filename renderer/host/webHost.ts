import type { FileFilter, Host, HostInfo, MenuCommand, PickedFile } from "./host";

function pickedFromFile(file: File): PickedFile {
  return {
    name: file.name,
    path: file.webkitRelativePath || file.name,
    size: file.size,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

export function pickedFromFiles(files: Iterable<File>): PickedFile[] {
  return Array.from(files, pickedFromFile);
}

function acceptAttribute(filters: FileFilter[]): string {
  return filters
    .flatMap((f) => f.extensions.map((ext) => (ext === "*" ? "" : `.${ext}`)))
    .filter(Boolean)
    .join(",");
}

/** The browser implementation of Host: file inputs, downloads and window.print. */
export function createWebHost(version: string): Host {
  const menuListeners = new Set<(command: MenuCommand) => void>();
  return {
    kind: "web",
    keyProtection: null,
    backupStore: null,
    async info(): Promise<HostInfo> {
      return {
        kind: "web",
        version,
        platform: navigator.platform || "browser",
        dataLocation: "This browser's storage for this site (IndexedDB)",
        keyProtection: "unavailable",
      };
    },
    pickFiles({ filters, multiple, directory }) {
      return new Promise<PickedFile[]>((resolve) => {
        const input = document.createElement("input");
        input.type = "file";
        input.multiple = multiple;
        if (directory) input.webkitdirectory = true;
        else input.accept = acceptAttribute(filters);
        input.style.display = "none";
        input.setAttribute("aria-hidden", "true");
        const finish = (files: PickedFile[]) => {
          input.remove();
          resolve(files);
        };
        input.addEventListener("change", () => finish(pickedFromFiles(input.files ?? [])));
        input.addEventListener("cancel", () => finish([]));
        document.body.append(input);
        input.click();
      });
    },
    async saveFile({ suggestedName, data, mimeType }) {
      const blob = new Blob([data as Uint8Array<ArrayBuffer>], { type: mimeType });
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = suggestedName;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoke later: Chromium reads the blob after the click handler returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return true;
    },
    async print() {
      window.print();
    },
    onMenuCommand(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
  };
}
