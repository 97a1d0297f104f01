import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDbAndBackups, webHost } from "./helpers";
import Dexie from "dexie";
import { generateIdentity } from "../../../../shared/bundle";
import type { KeyProtection } from "../../../../renderer/host/host";
import {
  autoBackupIfDue,
  backupBeforeMigration,
  backupProject,
  changesSinceBackup,
  listBackups,
  openBackup,
  restoreOver,
} from "../../../../renderer/db/backups";
import {
  addTeamMember,
  ensureIdentity,
  getStoredIdentity,
  listTeam,
  mySecretKey,
  removeTeamMember,
} from "../../../../renderer/db/identity";
import type { OpenProject } from "../../../../renderer/db/projects";
import { renameCode } from "../../../../renderer/db/codes";
import { uncode } from "../../../../renderer/db/codings";
import { PROJECT_SCHEMA_VERSION, projectDbName } from "../../../../renderer/db/schema";
import { saveCoder, openSampleProject } from "../../helpers/project";

beforeEach(freshIndexedDbAndBackups);

const liveCodings = async (p: OpenProject) =>
  (await p.db.codings.toArray())
    .filter((c) => !c.deleted)
    .map((c) => `${c.id}|${c.codeId}|${c.start}-${c.end}|${c.coderId}`)
    .sort();
const liveCodes = async (p: OpenProject) =>
  (await p.db.codes.toArray())
    .filter((c) => !c.deleted)
    .map((c) => `${c.id}|${c.name}`)
    .sort();

async function sample() {
  const profile = await saveCoder();
  return { profile, project: await openSampleProject(profile) };
}

describe("backups", () => {
  it("a backup is kept outside the project database, encrypted to my key, and restores over the project to equal content", async () => {
    const { project } = await sample();
    const codingsBefore = await liveCodings(project);
    const codesBefore = await liveCodes(project);
    const name = await backupProject(project, "manual", webHost, "Amira Patel");
    expect(name).toMatch(/^backup-\d{8}T\d{9}Z-manual\.margin$/);
    expect(await Dexie.exists("margin-backups")).toBe(true);
    const [listed] = await listBackups(project.entry.id, webHost);
    expect(listed).toMatchObject({ fileName: name, reason: "manual" });
    expect(listed?.size).toBeGreaterThan(1000);

    // Change things: rename a code, uncode a coding.
    const firstCode = (await project.db.codes.toArray())[0];
    const firstCoding = (await project.db.codings.toArray())[0];
    if (!firstCode || !firstCoding) throw new Error("sample has codes and codings");
    await renameCode(project, firstCode.id, "Something else");
    await uncode(project, firstCoding.id);
    expect(await liveCodings(project)).not.toEqual(codingsBefore);

    const opened = await openBackup(project.entry.id, name, webHost);
    await restoreOver(project, opened.tables);
    expect(await liveCodings(project)).toEqual(codingsBefore);
    expect(await liveCodes(project)).toEqual(codesBefore);
    // One undoable step.
    expect(project.history.state().undoLabel).toBe("Restored from backup");
  });

  it("a backup survives the project database being deleted", async () => {
    const { project } = await sample();
    const name = await backupProject(project, "manual", webHost, "Amira Patel");
    project.db.close();
    await Dexie.delete(projectDbName(project.entry.id));
    const opened = await openBackup(project.entry.id, name, webHost);
    expect(opened.tables.codings.length).toBeGreaterThan(0);
  });

  it("is refused by anyone else's key", async () => {
    const { project } = await sample();
    const name = await backupProject(project, "manual", webHost, "Amira Patel");
    const other = await generateIdentity();
    await expect(
      (async () => {
        const { readBundle } = await import("../../../../shared/bundle");
        const { indexedDbBackupStore } = await import("../../../../renderer/db/backups");
        return readBundle(await indexedDbBackupStore().read(project.entry.id, name), { identities: [other.identity] });
      })(),
    ).rejects.toMatchObject({ code: "wrong-key" });
  });

  it("counts changes from the journal and backs up automatically after N of them", async () => {
    const { project } = await sample();
    expect(await changesSinceBackup(project)).toBeGreaterThan(3);
    expect(await autoBackupIfDue(project, webHost, "Amira Patel", 100_000)).toBeNull();
    const taken = await autoBackupIfDue(project, webHost, "Amira Patel", 3);
    expect(taken).toMatch(/-auto\.margin$/);
    expect(await changesSinceBackup(project)).toBe(0);
    expect(await autoBackupIfDue(project, webHost, "Amira Patel", 3)).toBeNull();
  });

  it("keeps the last 10 plus one a day", async () => {
    const { project } = await sample();
    for (let i = 0; i < 12; i++) await backupProject(project, "manual", webHost, "Amira Patel", new Date(Date.UTC(2026, 10, 26, 9, i)));
    const kept = await listBackups(project.entry.id, webHost);
    expect(kept).toHaveLength(10);
    expect(kept[0]?.takenAt).toBe("2026-11-26T09:11:00.000Z");
  });

  it("backs up an older on-disk version before a migration, and not otherwise", async () => {
    const { project, profile } = await sample();
    const codings = await liveCodings(project);
    project.db.close();
    // The database is at the current version: a migration to the next one is due.
    const name = await backupBeforeMigration(project.entry.id, project.entry.name, profile, PROJECT_SCHEMA_VERSION + 1, webHost);
    expect(name).toMatch(/-migration\.margin$/);
    const opened = await openBackup(project.entry.id, name ?? "", webHost);
    expect(
      opened.tables.codings
        .filter((c) => !c.deleted)
        .map((c) => `${c.id}|${c.codeId}|${c.start}-${c.end}|${c.coderId}`)
        .sort(),
    ).toEqual(codings);
    expect(await backupBeforeMigration(project.entry.id, project.entry.name, profile, PROJECT_SCHEMA_VERSION, webHost)).toBeNull();
    expect(
      await backupBeforeMigration("0196f3c2-1111-7aaa-8bbb-000000000000", "None", profile, PROJECT_SCHEMA_VERSION + 1, webHost),
    ).toBeNull();
  });
});

describe("identity and team", () => {
  it("makes one identity on first need, unwrapped on the web host", async () => {
    const first = await ensureIdentity(null);
    const again = await ensureIdentity(null);
    expect(again.recipient).toBe(first.recipient);
    expect(first.protection).toBe("none");
    expect(first.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await mySecretKey(null)).toMatch(/^AGE-SECRET-KEY-1/);
  });

  it("wraps the secret with the OS keychain when the host has one", async () => {
    const wrapped = new Map<string, string>();
    const keychain: KeyProtection = {
      protect: async (secret) => {
        const token = new Uint8Array([wrapped.size + 1]);
        wrapped.set(String(token[0]), secret);
        return token;
      },
      unprotect: async (data) => wrapped.get(String(data[0])) ?? "",
    };
    const key = await ensureIdentity(keychain);
    expect(key.protection).toBe("os-keychain");
    const stored = await getStoredIdentity();
    expect(stored?.identity).toBeUndefined();
    expect(await mySecretKey(keychain)).toMatch(/^AGE-SECRET-KEY-1/);
    await expect(mySecretKey(null)).rejects.toThrow("protected by the operating system");
  });

  it("adds, validates and removes team members", async () => {
    const me = await ensureIdentity(null);
    const sam = await generateIdentity();
    await expect(addTeamMember({ name: "", recipient: sam.recipient })).rejects.toThrow("name");
    await expect(addTeamMember({ name: "Sam", recipient: sam.recipient.slice(0, -2) })).rejects.toThrow("not a valid public key");
    await expect(addTeamMember({ name: "Sam", recipient: sam.identity })).rejects.toThrow("secret key");
    await expect(addTeamMember({ name: "Me", recipient: me.recipient })).rejects.toThrow("your own public key");
    await addTeamMember({ name: "Sam Okafor", recipient: ` ${sam.recipient} ` });
    await expect(addTeamMember({ name: "Sam again", recipient: sam.recipient })).rejects.toThrow("already in the team, as Sam Okafor");
    expect((await listTeam()).map((m) => m.name)).toEqual(["Sam Okafor"]);
    await removeTeamMember(sam.recipient);
    expect(await listTeam()).toEqual([]);
  });
});
