// Registers one ipcMain.handle per contract channel. Every call is:
//   1. checked to come from a top-level frame of app://margin/ (anything else —
//      a print page, devtools, a navigated-away frame — is refused);
//   2. validated with shared/ipc/validate.ts (unknown input never reaches a handler);
//   3. answered with an IpcEnvelope, never a thrown error.

import { INVOKE_CHANNELS, type InvokeChannel, type IpcEnvelope, type RequestOf, type ResponseOf } from "../../shared/ipc/contract";
import { validateRequest } from "../../shared/ipc/validate";
import { APP_URL_PREFIX } from "../protocol/origin";
import { toHostErrorInfo } from "./errors";

/** The parts of IpcMainInvokeEvent we rely on (Electron's type satisfies this). */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export type HandlerMap = { [C in InvokeChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface RegisterOptions {
  log?: (message: string, detail?: unknown) => void;
}

export function isTrustedSender(event: InvokeEventLike): boolean {
  const frame = event.senderFrame;
  if (frame === null) return false; // frame navigated away or was destroyed
  if (frame.parent !== null) return false; // Margin has no iframes; sub-frames are never trusted
  return typeof frame.url === "string" && frame.url.startsWith(APP_URL_PREFIX);
}

export function registerHandlers(ipcMain: IpcMainLike, handlers: HandlerMap, options: RegisterOptions = {}): void {
  const log = options.log ?? ((message: string, detail?: unknown) => console.warn(message, detail));

  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    ipcMain.handle(channel, async (event, ...args): Promise<IpcEnvelope<unknown>> => {
      if (!isTrustedSender(event)) {
        log(`IPC ${channel} refused: untrusted sender`, event.senderFrame?.url);
        return { ok: false, error: { code: "forbidden-sender", message: "This window is not allowed to do that." } };
      }
      if (args.length > 1) {
        return { ok: false, error: { code: "invalid-request", message: "request: too many arguments" } };
      }
      const checked = validateRequest(channel, args[0]);
      if (!checked.ok) {
        log(`IPC ${channel} refused: ${checked.error}`);
        return { ok: false, error: { code: "invalid-request", message: checked.error } };
      }
      try {
        return { ok: true, value: await handler(checked.value) };
      } catch (err) {
        const error = toHostErrorInfo(err);
        if (error.code === "internal") log(`IPC ${channel} failed`, err);
        return { ok: false, error };
      }
    });
  }
}
