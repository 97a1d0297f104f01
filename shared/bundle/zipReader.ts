/**
 * Reads the plain zip of a bundle: the compressed zip is collected as it is decrypted (about a fifth of
 * the text's size). `finish()` reads and checks the manifest, then inflates each table it lists as a
 * stream, hashing, splitting into lines and parsing chunk by chunk (the decompressed text is never
 * held whole, and what it unpacks to is bounded: limits.ts), compares every table's SHA-256 and record
 * count, migrates an older format, and checks every record against its schema and the checks across
 * records (shared/model/validate.ts, checkTables.ts), transcripts against their content hashes included.
 */
import { checkTables, describeProblems } from "../model/checkTables";
import { PROJECT_TABLE_NAMES, emptyProjectTables, type ProjectTableName, type ProjectTables } from "../model/tables";
import { concat } from "./bytes";
import { BundleError, subject } from "./errors";
import { checkSourceSizes } from "./sourceSizes";
import { hexDigest, nobleSha256, type Sha256Factory } from "./hash";
import { MANIFEST_FILE } from "./layout";
import { limitsWith, type BundleLimits } from "./limits";
import { migrate, readVersion, tablesOfVersion, validateManifest } from "./migrate";
import { readSignature } from "./signature";
import { newFileState, readTable, readTableSkipping, type ByteBudget, type FileState } from "./tableReader";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleManifest, type OpenedBundle, type SkipContent } from "./types";
import { inflateEntry, listZip, ZipStructureError, type ZipEntry } from "./zipEntries";

interface TableJob {
  table: ProjectTableName;
  file: string;
  count: number;
  sha256: string;
  entry: ZipEntry;
  state: FileState;
}

const TABLE_NAMES: ReadonlySet<string> = new Set(PROJECT_TABLE_NAMES);

export class BundleZipReader {
  private parts: Uint8Array[] = [];

  constructor(
    private readonly fileName: string | undefined,
    private readonly hasher: Sha256Factory = nobleSha256,
    private readonly skipContent?: SkipContent,
    limits?: Partial<BundleLimits>,
  ) {
    this.limits = limitsWith(limits);
  }

  private readonly limits: BundleLimits;

  push(chunk: Uint8Array): void {
    this.parts.push(chunk);
  }

  /** The zip's entries by name, from its central directory. */
  private list(): Map<string, ZipEntry> {
    const name = this.fileName;
    const zip = concat(this.parts);
    this.parts = [];
    try {
      return new Map(listZip(zip).map((e) => [e.name, e]));
    } catch (error) {
      if (!(error instanceof ZipStructureError)) throw error;
      if (error.missingEnd) {
        throw new BundleError(
          "not-a-bundle",
          `${subject(name)} is not a Margin bundle: it is not a complete zip file (it may have been cut short).`,
          name,
        );
      }
      throw new BundleError("tampered", `${subject(name)} is damaged: its contents cannot be unpacked.`, name);
    }
  }

  /** Each table's hash and record count against the manifest; the records go into `into`. */
  private async checkTables(jobs: readonly TableJob[], into: Partial<Record<ProjectTableName, unknown[]>>): Promise<void> {
    const name = this.fileName;
    // A limit first: reading stopped there, so the hash and count below could only disagree.
    const over = jobs.find((j) => j.state.overLimit);
    if (over) {
      throw new BundleError(
        "too-large",
        `${subject(name)} ${over.state.overLimit}: more than Margin reads from one bundle (see “Limits” in docs/bundle-format.md), so nothing was imported.`,
        name,
      );
    }
    for (const { table, file, count: expected, sha256, state } of jobs) {
      if (state.broken) throw new BundleError("tampered", `${subject(name)} is damaged: ${file} ${state.broken}.`, name);
      const digest = await hexDigest(state.hash);
      if (digest !== sha256.toLowerCase()) {
        throw new BundleError(
          "tampered",
          `${subject(name)} has been changed since it was made: ${file} does not match its SHA-256 in the manifest.`,
          name,
        );
      }
      const count = state.records.length + state.leftOut.length;
      if (count !== expected) {
        throw new BundleError(
          "tampered",
          `${subject(name)} is damaged: ${file} holds ${count} records, the manifest says ${expected}.`,
          name,
        );
      }
      into[table] = state.records;
    }
  }

  /** The manifest first (a foreign zip is refused before anything is inflated), then each table it lists. */
  async finish(): Promise<OpenedBundle> {
    const name = this.fileName;
    const zipEntries = this.list();
    const manifestEntry = zipEntries.get(MANIFEST_FILE);
    if (!manifestEntry)
      throw new BundleError("not-a-bundle", `${subject(name)} is not a Margin bundle: it holds no ${MANIFEST_FILE}.`, name);
    const { bytes: manifestBytes, manifest: manifestIn } = await readManifest(manifestEntry, name, this.limits.manifestBytes);
    // Checked before any table is read: a bad signature is refused at once.
    const signature = await readSignature(zipEntries, manifestBytes, name);
    if (manifestIn.format !== BUNDLE_FORMAT) {
      throw new BundleError(
        "not-a-bundle",
        `${subject(name)} is not a Margin bundle (its manifest says format “${String(manifestIn.format)}”).`,
        name,
      );
    }
    const version = readVersion(manifestIn);
    if (version === null) throw new BundleError("bad-manifest", `${subject(name)} has a manifest without a valid format version.`, name);
    if (version > BUNDLE_FORMAT_VERSION) {
      throw new BundleError(
        "newer-version",
        `${subject(name)} was made by a newer version of Margin (bundle format ${version}); this version reads format ${BUNDLE_FORMAT_VERSION} and older. Update Margin, then import it again.`,
        name,
      );
    }

    // Hashes and counts are checked against the manifest as written, before any migration.
    const entries = manifestIn.tables;
    if (typeof entries !== "object" || entries === null)
      throw new BundleError("bad-manifest", `${subject(name)} has a manifest without its list of tables.`, name);
    const rawTables: Partial<Record<ProjectTableName, unknown[]>> = {};
    const skip =
      this.skipContent && this.skipContent.projectId === manifestIn.projectId && this.skipContent.sourceIds.size > 0
        ? this.skipContent.sourceIds
        : null;
    const contentLeftOut: string[] = [];
    const jobs = this.tableJobs(entries as Record<string, unknown>, zipEntries, version);
    // All tables at once: native inflate works off the main thread, so one table inflates while another
    // is parsed. Each table keeps its own order, hash and records. With transcripts to skip, their
    // table waits for the sources: when the project already has every source's text, nothing in it
    // could be used (content is only taken for sources new to the project), so it is not even inflated.
    const contentJob = skip ? jobs.find((j) => j.table === "sourceContent") : undefined;
    const first = jobs.filter((j) => j !== contentJob);
    await Promise.all(first.map((job) => readTable(job.entry, job.state)));
    await this.checkTables(first, rawTables);
    if (contentJob && skip) {
      const sources = rawTables.sources;
      const ids = sources?.map((r) => (r as { id?: unknown } | null)?.id);
      if (ids && ids.every((id) => typeof id === "string" && skip.has(id))) {
        contentLeftOut.push(...(ids as string[]));
        rawTables[contentJob.table] = [];
      } else {
        await readTableSkipping(contentJob.entry, contentJob.state, skip);
        await this.checkTables([contentJob], rawTables);
        contentLeftOut.push(...contentJob.state.leftOut);
      }
    }

    const migrated = migrate({ manifest: manifestIn, tables: rawTables }, version);
    const manifest = validateManifest(migrated.manifest, name);
    const tables = emptyProjectTables();
    for (const table of PROJECT_TABLE_NAMES) {
      (tables[table] as unknown[]) = Object.hasOwn(migrated.tables, table) ? (migrated.tables[table] ?? []) : [];
    }
    await this.checkRecords(tables, manifest);
    checkSourceSizes(tables, name);
    return { manifest, tables, contentLeftOut, ...(signature ? { signature } : {}) };
  }

  /**
   * One job per table of the manifest. Every table of the bundle's format version must be listed, and
   * nothing else: a name Margin does not know (`__proto__` among them), or a table newer than the
   * bundle's version, is refused, not read into an object. Migration gives the newer tables (empty).
   */
  private tableJobs(entries: Record<string, unknown>, zipEntries: ReadonlyMap<string, ZipEntry>, version: number): TableJob[] {
    const name = this.fileName;
    const bad = (what: string) => new BundleError("bad-manifest", `${subject(name)} has a manifest ${what}.`, name);
    const ofVersion = tablesOfVersion(version);
    const known: ReadonlySet<string> = new Set(ofVersion);
    for (const table of Object.keys(entries)) {
      if (!TABLE_NAMES.has(table)) throw bad(`that lists a table “${table.slice(0, 60)}” Margin does not know`);
      if (!known.has(table)) throw bad(`that lists the table “${table}”, which format ${version} does not have`);
    }
    const budget: ByteBudget = { used: 0, max: this.limits.totalBytes };
    return ofVersion.map((table): TableJob => {
      if (!Object.hasOwn(entries, table)) throw bad(`that does not list the table “${table}”`);
      const e = entries[table] as { file?: unknown; count?: unknown; sha256?: unknown } | null;
      if (!e || typeof e.file !== "string" || typeof e.count !== "number" || typeof e.sha256 !== "string")
        throw bad(`entry for “${table}” without file, count and SHA-256`);
      const max = this.limits.records[table];
      if (e.count > max) {
        throw new BundleError(
          "too-large",
          `${subject(name)} says ${e.file} holds ${e.count.toLocaleString("en-GB")} records; Margin reads at most ${max.toLocaleString("en-GB")} ${table} from one bundle (see “Limits” in docs/bundle-format.md), so nothing was imported.`,
          name,
        );
      }
      const zipEntry = zipEntries.get(e.file);
      if (!zipEntry || zipEntry.name.endsWith("/"))
        throw new BundleError("tampered", `${subject(name)} is damaged: the table file ${e.file} is missing.`, name);
      return {
        table,
        file: e.file,
        count: e.count,
        sha256: e.sha256,
        entry: zipEntry,
        state: newFileState(e.file, this.hasher(), max, this.limits.lineLength, budget),
      };
    });
  }

  /** Every record against its schema and the checks across records (transcripts against their hashes). */
  private async checkRecords(tables: ProjectTables, manifest: BundleManifest): Promise<void> {
    const name = this.fileName;
    const encoder = new TextEncoder();
    const hashText = async (text: string) => {
      const hash = this.hasher();
      hash.update(encoder.encode(text));
      return hexDigest(hash);
    };
    const result = await checkTables(tables, { kind: manifest.kind, hashText });
    if (result.total > 0) {
      throw new BundleError(
        "invalid-records",
        `${subject(name)} holds ${result.total === 1 ? "a record" : `${result.total.toLocaleString("en-GB")} records`} Margin cannot use, so nothing was imported: ${describeProblems(result)}.`,
        name,
      );
    }
  }
}

/** manifest.json, inflated no further than its limit and parsed: its bytes (what a signature covers) and a JSON object, or a BundleError. */
async function readManifest(
  entry: ZipEntry,
  name: string | undefined,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; manifest: Record<string, unknown> }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    await inflateEntry(entry, (c) => {
      size += c.length;
      if (size > maxBytes) {
        tooLarge = true;
        throw new Error("manifest too large");
      }
      chunks.push(c);
    });
  } catch {
    if (tooLarge)
      throw new BundleError(
        "too-large",
        `${subject(name)} has a manifest larger than ${maxBytes.toLocaleString("en-GB")} bytes, so it is not one Margin wrote.`,
        name,
      );
    throw new BundleError("tampered", `${subject(name)} is damaged: its contents cannot be unpacked.`, name);
  }
  const bytes = concat(chunks);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new BundleError("bad-manifest", `${subject(name)} has a manifest that is not valid JSON.`, name);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new BundleError("bad-manifest", `${subject(name)} has a manifest that is not a JSON object.`, name);
  }
  return { bytes, manifest: raw as Record<string, unknown> };
}
