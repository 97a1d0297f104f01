// Errors that cross IPC. Handlers throw HostError with a user-safe message; any
// other error is mapped from its errno code, or reported as "internal" without
// leaking stack traces or internal paths to the renderer.

import type { HostErrorCode, HostErrorInfo } from "../../shared/ipc/contract";

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}

export function errnoCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** Map a Node fs error to a plain-English reason (also used for per-file import failures). */
export function describeFsError(err: unknown): HostErrorInfo {
  switch (errnoCode(err)) {
    case "EACCES":
    case "EPERM":
      return { code: "permission-denied", message: "Margin does not have permission to use this file or folder." };
    case "EBUSY":
    case "ETXTBSY":
      return { code: "file-busy", message: "The file is open in another program. Close it and try again." };
    case "ENOSPC":
    case "EDQUOT":
      return { code: "disk-full", message: "There is not enough space on the disk." };
    case "ENOENT":
    case "ENOTDIR":
      return { code: "not-found", message: "The file or folder no longer exists." };
    case "EROFS":
      return { code: "permission-denied", message: "The disk is read-only." };
    case "EISDIR":
      return { code: "not-found", message: "That is a folder, not a file." };
    default:
      return { code: "internal", message: "Something went wrong. Please try again." };
  }
}

export function toHostErrorInfo(err: unknown): HostErrorInfo {
  if (err instanceof HostError) return { code: err.code, message: err.message };
  return describeFsError(err);
}
