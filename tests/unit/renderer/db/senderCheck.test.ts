/**
 * A forged bundle "from" a team member, in the app's own import path: before bundles were signed, a
 * bundle made by anyone holding my public key, saying it was from Amira, previewed and merged as hers
 * with nothing said. Now the preview's plan says who signed it, against my Team list.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { fingerprint, generateIdentity, readBundle, senderLine, writeBundle, type KeyPair } from "../../../../shared/bundle";
import { exportBundle } from "../../../../renderer/db/exchange/exportBundle";
import { planImport } from "../../../../renderer/db/exchange/importBundle";
import { addTeamMember, ensureIdentity, mySecretKey } from "../../../../renderer/db/identity";
import type { OpenProject } from "../../../../renderer/db/projects";
import { INFO, sampleProject } from "../../shared/bundle/fixtures";
import { saveCoder, openNewProject, openSampleProject, SAM } from "../../helpers/project";

beforeEach(freshIndexedDb);

const FROM_AMIRA = { ...INFO, exporter: { coderId: "coder-a", name: "Amira Patel" } };

async function setup(): Promise<{ target: OpenProject; amira: KeyPair; ben: KeyPair; myKey: string; myRecipient: string }> {
  const profile = await saveCoder(SAM);
  const me = await ensureIdentity(null);
  const [amira, ben] = await Promise.all([generateIdentity(), generateIdentity()]);
  await addTeamMember({ name: "Amira Patel", recipient: amira.recipient });
  await addTeamMember({ name: "Ben Jones", recipient: ben.recipient });
  const target = await openNewProject(profile, "Ward study");
  return { target, amira, ben, myKey: await mySecretKey(null), myRecipient: me.recipient };
}

/** A bundle of the fixture project "from" Amira, locked to me, signed by `signer` (or not). */
async function fromAmira(myRecipient: string, myKey: string, signer: KeyPair | null) {
  const bytes = await writeBundle(
    sampleProject(),
    FROM_AMIRA,
    { recipients: [myRecipient] },
    undefined,
    signer ? { signWith: signer.identity } : {},
  );
  return readBundle(bytes, { identities: [myKey] }, { fileName: "from-amira.margin" });
}

describe("who sent the bundle, in the merge preview", () => {
  it("a bundle “from” Amira made with Ben's key is flagged as not hers and must be confirmed before merging", async () => {
    const { target, ben, myKey, myRecipient } = await setup();
    const forged = await fromAmira(myRecipient, myKey, ben);
    const prepared = await planImport(target, forged);
    expect(prepared.plan.empty).toBe(false);
    expect(prepared.sender.status).toBe("mismatch");
    expect(senderLine(prepared.sender)).toBe(`Signed by Ben Jones (fingerprint ${fingerprint(ben.recipient)}).`);
  });

  it("Amira's own signed bundle shows “Signed by Amira Patel (fingerprint …)”; an unsigned one warns", async () => {
    const { target, amira, myKey, myRecipient } = await setup();
    const real = await planImport(target, await fromAmira(myRecipient, myKey, amira));
    expect(real.sender.status).toBe("signed");
    expect(senderLine(real.sender)).toBe(`Signed by Amira Patel (fingerprint ${fingerprint(amira.recipient)}).`);
    const unsigned = await planImport(target, await fromAmira(myRecipient, myKey, null));
    expect(unsigned.sender.status).toBe("unsigned");
  });

  it("the app's export signs with my key when given it", async () => {
    const profile = await saveCoder();
    const me = await ensureIdentity(null);
    const sample = await openSampleProject(profile);
    const key = await mySecretKey(null);
    const exported = await exportBundle(sample, {
      scope: "whole",
      recipients: [],
      me: { recipient: me.recipient, name: profile.name },
      signWith: key,
    });
    const opened = await readBundle(exported.bytes, { identities: [key] });
    expect(opened.signature?.signer).toBe(me.recipient);
    const copy = await openNewProject(profile, "Copy");
    expect((await planImport(copy, opened)).sender).toMatchObject({ status: "signed", mine: true });
  });
});
