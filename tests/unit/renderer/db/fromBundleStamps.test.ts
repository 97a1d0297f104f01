import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { generateIdentity, readBundle } from "../../../../shared/bundle";
import { createProjectFromBundle } from "../../../../renderer/db/exchange/projectFromBundle";
import { exportBundle } from "../../../../renderer/db/exchange/exportBundle";
import { getExchange } from "../../../../renderer/db/exchange/stamps";
import { openBundle } from "../../../../renderer/db/exchange/openBundle";
import { ensureIdentity, mySecretKey } from "../../../../renderer/db/identity";
import { openProject } from "../../../../renderer/db/projects";
import { codeRange } from "../../../../renderer/db/codings";
import { saveCoder, openSampleProject, SAM } from "../../helpers/project";

beforeEach(freshIndexedDb);

/**
 * Issue 14, item 11: Amira sends Sam the whole project; Sam makes his project from it (on his own
 * computer: a fresh IndexedDB) and codes one segment. His first "only changes" bundle back carries that
 * change, not the whole project.
 */
describe("a project created from a colleague's bundle", () => {
  it("counts as having exchanged with the sender: the first changes-only reply carries only the changes", async () => {
    const amira = await saveCoder();
    const amiraKey = await ensureIdentity(null);
    const amiraSecret = await mySecretKey(null);
    const sam = await generateIdentity();
    const sample = await openSampleProject(amira);
    const sent = await exportBundle(sample, {
      scope: "whole",
      recipients: [sam.recipient],
      me: { recipient: amiraKey.recipient, name: amira.name },
    });
    const wholeRecords = sent.records;
    expect(wholeRecords).toBeGreaterThan(30);

    freshIndexedDb(); // Sam's computer
    const samProfile = await saveCoder(SAM);
    const opened = await openBundle(sent.bytes, sent.fileName, { identities: [sam.identity] });
    const project = await openProject(await createProjectFromBundle(opened, samProfile), samProfile);

    const stamps = await getExchange(project, amiraKey.recipient);
    expect(stamps?.receivedUpTo).toBe(opened.manifest.hlc.to);
    expect(stamps?.sentUpTo).not.toBeNull();

    const [source] = await project.db.sources.toArray();
    const [code] = await project.db.codes.toArray();
    if (!source || !code) throw new Error("the sample has sources and codes");
    const coding = await codeRange(project, source.id, code.id, { start: 0, end: 12 });

    const reply = await exportBundle(project, {
      scope: "changes",
      recipients: [amiraKey.recipient],
      me: { recipient: sam.recipient, name: samProfile.name },
    });
    expect(reply.wholeFor).toEqual([]);
    expect(reply.kind).toBe("delta");
    const back = await readBundle(reply.bytes, { identities: [amiraSecret] }, { fileName: reply.fileName });
    expect(back.tables.codings.map((c) => c.id)).toEqual([coding.id]);
    // Sam's coder row (with his key) travels, so Amira can name the coder of the new segment.
    expect(back.tables.coders.map((c) => [c.id, c.publicKey])).toEqual([[samProfile.id, sam.recipient]]);
    expect(back.tables.sourceContent).toEqual([]);
    expect(reply.records).toBeLessThan(6);
  });

  it("restoring a backup as a copy records no exchange", async () => {
    const amira = await saveCoder();
    const amiraKey = await ensureIdentity(null);
    const sample = await openSampleProject(amira);
    const sent = await exportBundle(sample, { scope: "whole", recipients: [], me: { recipient: amiraKey.recipient, name: amira.name } });
    const opened = await openBundle(sent.bytes, sent.fileName, { identities: [await mySecretKey(null)] });
    const copy = await openProject(await createProjectFromBundle(opened, amira, true), amira);
    expect(await getExchange(copy, amiraKey.recipient)).toBeUndefined();
  });
});
