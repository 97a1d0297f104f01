/** What the first bytes of a file say it is, whatever its name claims. */
export type Magic = "zip" | "ole" | "pdf" | "rtf" | "unknown";

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]; // an empty archive is only the end-of-directory record
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf

export function sniffMagic(bytes: Uint8Array): Magic {
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return "zip";
  if (startsWith(bytes, OLE)) return "ole";
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, RTF)) return "rtf";
  return "unknown";
}

/** Lower-case extension without the dot ("" when none); ignores any folder part of the name. */
export function extensionOf(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

export function baseName(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\"));
  return fileName.slice(slash + 1);
}

/**
 * Word's owner file ("~$name.docx", always tiny): byte 0 is the length of the user's name, the
 * name follows in ANSI, zero-padded to offset 54, where the same length starts the UTF-16 copy.
 */
export function isWordLockFile(fileName: string, bytes: Uint8Array): boolean {
  if (baseName(fileName).startsWith("~$")) return true;
  if (bytes.length < 58 || bytes.length > 1024) return false;
  const n = bytes[0] ?? 0;
  return n > 0 && n < 54 && bytes[54] === n && bytes[55] === 0;
}

// "EncryptedPackage" as it appears in an OLE directory entry name (UTF-16LE).
const ENCRYPTED_PACKAGE = Array.from("EncryptedPackage").flatMap((c) => [c.charCodeAt(0), 0]);

/**
 * An encrypted .docx is an OLE compound file holding an "EncryptedPackage" stream; an old .doc
 * (or .xls, .msg) is an OLE file without one. Directory sectors can sit anywhere, so scan it all.
 */
export function oleIsEncryptedPackage(bytes: Uint8Array): boolean {
  const first = ENCRYPTED_PACKAGE[0] ?? 0;
  const last = bytes.length - ENCRYPTED_PACKAGE.length;
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < ENCRYPTED_PACKAGE.length; j++) {
      if (bytes[i + j] !== ENCRYPTED_PACKAGE[j]) continue outer;
    }
    return true;
  }
  return false;
}
