// Builds the object the preload exposes as window.margin. Separate from
// preload.ts so it can be unit-tested with a fake ipcRenderer.
//
// Only named, typed functions cross the bridge — never ipcRenderer itself and
// never a generic invoke(channel, ...args).

import {
  Channels,
  formatHostError,
  isMenuCommand,
  type InvokeChannel,
  type IpcEnvelope,
  type MarginApi,
  type MenuCommand,
  type RequestOf,
  type ResponseOf,
} from "../shared/ipc/contract";

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isEnvelope(value: unknown): value is IpcEnvelope<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { ok?: unknown }).ok === "boolean";
}

export function createMarginApi(ipc: IpcRendererLike): MarginApi {
  async function call<C extends InvokeChannel>(channel: C, ...args: [] | [RequestOf<C>]): Promise<ResponseOf<C>> {
    const reply = await ipc.invoke(channel, ...args);
    if (!isEnvelope(reply)) throw new Error(formatHostError({ code: "internal", message: "Unexpected reply from Margin." }));
    if (!reply.ok) throw new Error(formatHostError(reply.error));
    return reply.value as ResponseOf<C>;
  }

  return {
    appInfo: () => call(Channels.appInfo),
    openFiles: (req) => call(Channels.openFiles, req),
    saveFile: (req) => call(Channels.saveFile, req),
    printToPdf: (req) => call(Channels.printToPdf, req),
    protectKey: (req) => call(Channels.keysProtect, req),
    unprotectKey: (req) => call(Channels.keysUnprotect, req),
    writeBackup: (req) => call(Channels.backupWrite, req),
    listBackups: (req) => call(Channels.backupList, req),
    readBackup: (req) => call(Channels.backupRead, req),
    deleteBackup: (req) => call(Channels.backupDelete, req),
    onMenuCommand: (callback: (command: MenuCommand) => void) => {
      // The IPC event object is never handed to the page (it exposes `sender`).
      const listener = (_event: unknown, command: unknown): void => {
        if (isMenuCommand(command)) callback(command);
      };
      ipc.on(Channels.menuCommand, listener);
      return () => {
        ipc.removeListener(Channels.menuCommand, listener);
      };
    },
  };
}
