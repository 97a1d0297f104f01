/**
 * Issue 13 item 2 in the app: a backup (a bundle locked to my key) whose transcript was swapped under
 * its content hash is refused when opened to restore, and the merge preview refuses records that do not
 * fit the project (a source with another transcript under a known id, a coding on a code nobody has).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDbAndBackups, webHost } from "./helpers";
import { BundleError, recipientOf, writeBundle } from "../../../../shared/bundle";
import { emptyProjectTables } from "../../../../shared/model/tables";
import { backupProject, indexedDbBackupStore, openBackup } from "../../../../renderer/db/backups";
import { createProjectFromBundle } from "../../../../renderer/db/exchange/projectFromBundle";
import { openBundle } from "../../../../renderer/db/exchange/openBundle";
import { planImport } from "../../../../renderer/db/exchange/importBundle";
import { ensureIdentity, mySecretKey } from "../../../../renderer/db/identity";
import { coding, INFO, stamp, textHash } from "../../shared/bundle/fixtures";
import { saveCoder, openSampleProject } from "../../helpers/project";

beforeEach(freshIndexedDbAndBackups);

async function sample() {
  const profile = await saveCoder();
  await ensureIdentity(null);
  const project = await openSampleProject(profile);
  const identity = await mySecretKey(null);
  return { project, identity, recipient: await recipientOf(identity) };
}

describe("forged bundles in the app", () => {
  it("a backup whose transcript was swapped under its hash is refused when opened, naming the backup and the source", async () => {
    const { project, recipient } = await sample();
    const name = await backupProject(project, "manual", webHost, "Amira Patel");
    const { tables } = await openBackup(project.entry.id, name, webHost);
    const victim = tables.sources[0]!;
    const content = tables.sourceContent.find((c) => c.id === victim.id)!;
    content.text = "x".repeat(content.text.length);
    const forgedName = "backup-20261207T120000000Z-manual.margin";
    await indexedDbBackupStore().write(
      project.entry.id,
      forgedName,
      await writeBundle(tables, { ...INFO, projectId: project.entry.id }, { recipients: [recipient] }),
    );
    const error = await openBackup(project.entry.id, forgedName, webHost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe("invalid-records");
    expect((error as BundleError).message).toContain(`“${forgedName}”`);
    expect((error as BundleError).message).toContain(`text of source “${victim.name}” does not match the source's content hash`);
  });

  it("the merge preview refuses a delta with another transcript under a known source id, or a coding on a missing code", async () => {
    const { project, identity, recipient } = await sample();
    const known = (await project.db.sources.toArray())[0]!;
    const swapped = emptyProjectTables();
    swapped.sources.push({ ...known, contentHash: textHash("a different transcript"), updatedAt: stamp(10_000_000_000) });
    const info = { ...INFO, projectId: project.entry.id, kind: "delta" as const, since: stamp(1) };
    const opened = await openBundle(
      await writeBundle(swapped, info, { recipients: [recipient] }),
      "swap.margin",
      { identities: [identity] },
      project,
    );
    await expect(planImport(project, opened)).rejects.toThrow(
      /sources “.*”: contentHash of source “.*” differs from this project's: a transcript never changes once imported/,
    );

    const dangling = emptyProjectTables();
    dangling.codings.push(coding("cod-x", known.id, "code-nobody-has", 0, 3, stamp(10_000_000_000)));
    const opened2 = await openBundle(
      await writeBundle(dangling, info, { recipients: [recipient] }),
      "dangling.margin",
      { identities: [identity] },
      project,
    );
    await expect(planImport(project, opened2)).rejects.toThrow(
      /codings “cod-x”: codeId points at code “code-nobody-has”, which is not in the bundle or this project/,
    );
  });

  it("a delta whose codings point at what it does not have makes no new project", async () => {
    const { identity, recipient } = await sample();
    const dangling = emptyProjectTables();
    dangling.codings.push(coding("cod-x", "src-elsewhere", "code-elsewhere", 0, 3, stamp(1)));
    const opened = await openBundle(
      await writeBundle(dangling, { ...INFO, projectId: "proj-new", kind: "delta", since: stamp(0) }, { recipients: [recipient] }),
      "delta.margin",
      { identities: [identity] },
    );
    const profile = await saveCoder();
    await expect(createProjectFromBundle(opened, profile)).rejects.toThrow(
      /no project was made from it: codings “cod-x”: sourceId points at source “src-elsewhere”/,
    );
  });
});
