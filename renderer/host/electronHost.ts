import { Limits, backupTooLargeMessage, type MarginApi } from "../../shared/ipc/contract";
import type { Host, PickedFile } from "./host";

declare global {
  interface Window {
    /** Present only inside Electron (electron/preload.ts). */
    margin?: MarginApi;
  }
}

export function electronApi(): MarginApi | undefined {
  return typeof window !== "undefined" ? window.margin : undefined;
}

/** Host backed by the preload's named functions: native dialogs, atomic file writes. */
export function createElectronHost(api: MarginApi): Host {
  return {
    kind: "electron",
    keyProtection: {
      protect: async (secret) => (await api.protectKey({ secret })).wrapped,
      unprotect: async (wrapped) => (await api.unprotectKey({ wrapped })).secret,
    },
    backupStore: {
      write: async (projectId, fileName, data) => {
        // Said here in plain words before the bytes cross IPC; main refuses the same.
        if (data.byteLength > Limits.maxBackupBytes) throw new Error(backupTooLargeMessage(data.byteLength));
        await api.writeBackup({ projectId, fileName, data });
      },
      list: async (projectId) => (await api.listBackups({ projectId })).backups,
      read: async (projectId, fileName) => (await api.readBackup({ projectId, fileName })).data,
      remove: async (projectId, fileName) => {
        await api.deleteBackup({ projectId, fileName });
      },
    },
    async info() {
      const info = await api.appInfo();
      return {
        kind: "electron",
        version: info.version,
        platform: info.platform,
        dataLocation: info.dataFolder,
        // Anything unexpected counts as unprotected: Settings must never claim protection it cannot show.
        keyProtection: info.keyProtection === "system-keyring" || info.keyProtection === "no-keyring" ? info.keyProtection : "unavailable",
      };
    },
    async pickFiles({ title, filters, multiple, directory }) {
      const result = await api.openFiles({ title, filters, multiple, ...(directory ? { directory } : {}) });
      if (result.canceled) return [];
      const read = result.files.map((file): PickedFile => ({
        name: file.name,
        path: file.path,
        size: file.bytes.byteLength,
        bytes: async () => file.bytes,
      }));
      // Files the main process could not read still reach the importer, which reports them as failed.
      const unreadable = (result.unreadable ?? []).map((file): PickedFile => ({
        name: file.name,
        path: file.path,
        size: 0,
        bytes: () => Promise.reject(new Error(file.reason)),
      }));
      return [...read, ...unreadable];
    },
    async saveFile({ suggestedName, data, filters }) {
      const result = await api.saveFile({ suggestedName, data, filters });
      return result.saved;
    },
    async print() {
      window.print();
    },
    async printToPdf(request) {
      return (await api.printToPdf(request)).pdf;
    },
    onMenuCommand(listener) {
      return api.onMenuCommand(listener);
    },
  };
}
