/**
 * The .qdpx container: a zip holding one .qde (the project XML) at the root and the source files
 * under sources/ (NVivo for Windows and ATLAS.ti write "Sources/"). Files are unpacked lazily: a
 * 2 MB project holds about 2.5 MB of text, but a bad archive must not unpack gigabytes.
 */
import { unzipSync, type UnzipFileInfo } from "fflate";
import { RefiError, quoted } from "./errors";

/** Unpacked ceiling for the files Margin reads (XML and text); media are never unpacked. */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

export interface RefiArchive {
  fileName: string;
  /** Path of the .qde inside the zip. */
  qdePath: string;
  qde: Uint8Array;
  /** Every entry name in the archive (folders excluded). */
  entries: string[];
  /** Reads a file by its path in the zip; case-insensitive on the folder and name. */
  read(path: string): Uint8Array | null;
}

const isZip = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

/** File kinds we read: the project XML, text, and Word documents (for sources whose text file is empty). */
const WANTED = /\.(qde|txt|docx|xml)$/i;

export function openQdpx(bytes: Uint8Array, fileName: string): RefiArchive {
  if (!isZip(bytes)) {
    throw new RefiError(
      fileName,
      `${quoted(fileName)} is not a REFI-QDA project: a .qdpx file is a zip archive, and this file is not one.`,
    );
  }
  const infos: UnzipFileInfo[] = [];
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (info) => {
        infos.push(info);
        if (info.name.endsWith("/") || !WANTED.test(info.name)) return false;
        unpacked += info.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES)
          throw new RefiError(
            fileName,
            `${quoted(fileName)} unpacks to more than ${MAX_UNPACKED_BYTES / 1048576} MB of text, which is more than Margin will read.`,
          );
        return true;
      },
    });
  } catch (error) {
    if (error instanceof RefiError) throw error;
    throw new RefiError(fileName, `${quoted(fileName)} could not be unpacked: the zip archive is damaged.`, null, { cause: error });
  }
  const entries = infos.map((i) => i.name).filter((n) => !n.endsWith("/"));
  const qdes = Object.keys(files).filter((n) => !n.includes("/") && /\.qde$/i.test(n));
  const qdePath = qdes[0];
  if (qdePath === undefined) {
    throw new RefiError(
      fileName,
      `${quoted(fileName)} is a zip archive but not a REFI-QDA project: it has no project file (.qde) at its top level.`,
    );
  }
  if (qdes.length > 1)
    throw new RefiError(
      fileName,
      `${quoted(fileName)} holds ${qdes.length} project files (${qdes.join(", ")}); a .qdpx holds exactly one.`,
    );
  const byLower = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) byLower.set(name.toLowerCase(), data);
  return {
    fileName,
    qdePath,
    qde: files[qdePath] ?? new Uint8Array(),
    entries,
    read: (path) => byLower.get(path.toLowerCase()) ?? null,
  };
}
