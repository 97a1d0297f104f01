/**
 * Whether a bundle is from who it says (shared/bundle/sender.ts): a forged bundle "from" Amira made
 * with Ben's key, or with a stranger's, is flagged and needs a confirmation; an unsigned one warns;
 * Amira's own shows "Signed by Amira Patel (fingerprint …)".
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  bundleFromZip,
  fingerprint,
  generateIdentity,
  judgeSender,
  needsConfirmation,
  readBundle,
  senderLine,
  writeBundle,
  type KeyPair,
  type KnownKeys,
  type OpenedBundle,
} from "../../../../shared/bundle";
import { INFO, sampleProject } from "./fixtures";

let amira: KeyPair;
let ben: KeyPair;
let stranger: KeyPair;
let me: KeyPair;
/** My Team list: Amira and Ben, added by their public keys. */
let team: KnownKeys["team"];

const FROM_AMIRA = { ...INFO, exporter: { coderId: "coder-amira", name: "Amira Patel" } };

/** A bundle "from" Amira, signed with `signer`'s key (or unsigned), opened by me. */
async function bundle(signer: KeyPair | null, info = FROM_AMIRA): Promise<OpenedBundle> {
  const bytes = await writeBundle(
    sampleProject(),
    info,
    { recipients: [me.recipient] },
    undefined,
    signer ? { signWith: signer.identity } : {},
  );
  return readBundle(bytes, { identities: [me.identity] });
}

function known(coders: KnownKeys["coders"] = []): KnownKeys {
  return { team, mine: [me.recipient], coders };
}

beforeAll(async () => {
  [amira, ben, stranger, me] = await Promise.all([generateIdentity(), generateIdentity(), generateIdentity(), generateIdentity()]);
  team = [
    { name: "Amira Patel", recipient: amira.recipient },
    { name: "Ben Okafor", recipient: ben.recipient },
  ];
});

describe("who sent a bundle", () => {
  it("Amira's own bundle: signed by Amira Patel, with her key's fingerprint, nothing to confirm", async () => {
    const opened = await bundle(amira);
    const check = judgeSender(
      opened.manifest,
      opened.signature,
      known([{ id: "coder-amira", name: "Amira Patel", publicKey: amira.recipient }]),
    );
    expect(check.status).toBe("signed");
    expect(senderLine(check)).toBe(`Signed by Amira Patel (fingerprint ${fingerprint(amira.recipient)}).`);
    expect(needsConfirmation(check)).toBe(false);
    // The Team list may use a shorter name for the same person.
    const short = judgeSender(opened.manifest, opened.signature, { ...known(), team: [{ name: "amira", recipient: amira.recipient }] });
    expect(short.status).toBe("signed");
  });

  it("a forged bundle “from” Amira made with Ben's key is flagged, not credited to Amira silently", async () => {
    const forged = await bundle(ben);
    // Amira has exchanged before: her coder row in this project carries her key.
    const pinned = judgeSender(
      forged.manifest,
      forged.signature,
      known([{ id: "coder-amira", name: "Amira Patel", publicKey: amira.recipient }]),
    );
    expect(pinned.status).toBe("mismatch");
    expect(needsConfirmation(pinned)).toBe(true);
    expect(senderLine(pinned)).toBe(`Signed by Ben Okafor (fingerprint ${fingerprint(ben.recipient)}).`);
    expect(pinned.status !== "signed" && pinned.message).toContain("says it is from Amira Patel");
    // First contact (no coder row for Amira yet): the Team list says this key is Ben's, not Amira's.
    const first = judgeSender(forged.manifest, forged.signature, known());
    expect(first.status).toBe("mismatch");
    // Ben's key on Ben's coder row, while the bundle claims Amira's coder id.
    const byRow = judgeSender(forged.manifest, forged.signature, {
      ...known([{ id: "coder-ben", name: "Ben Okafor", publicKey: ben.recipient }]),
      team: [],
    });
    expect(byRow.status).toBe("mismatch");
    expect(byRow.status !== "signed" && byRow.message).toContain("key of Ben Okafor");
  });

  it("a bundle signed by a key not in the Team list needs a confirmation; an unsigned one warns", async () => {
    const strangers = await bundle(stranger);
    const unknown = judgeSender(strangers.manifest, strangers.signature, known());
    expect(unknown.status).toBe("unknown");
    expect(needsConfirmation(unknown)).toBe(true);
    expect(senderLine(unknown)).toBe(`Signed by an unknown key (fingerprint ${fingerprint(stranger.recipient)}).`);

    const unsigned = await bundle(null);
    const check = judgeSender(
      unsigned.manifest,
      unsigned.signature,
      known([{ id: "coder-amira", name: "Amira Patel", publicKey: amira.recipient }]),
    );
    expect(check.status).toBe("unsigned");
    expect(needsConfirmation(check)).toBe(false);
    expect(check.status === "unsigned" && check.message).toMatch(/not signed: anyone with a team member's public key could have made it/);
  });

  it("a bundle I signed myself (another laptop, same key) is mine, whatever coder id it carries", async () => {
    const opened = await bundle(me, { ...INFO, exporter: { coderId: "coder-me-laptop-2", name: "Me" } });
    const check = judgeSender(opened.manifest, opened.signature, known());
    expect(check).toMatchObject({ status: "signed", mine: true });
  });

  it("a re-signed forgery cannot borrow Amira's signature: her signature over another manifest is refused", async () => {
    // Covered in signature.test.ts for damaged files; here the whole-bundle path: a plain zip that keeps
    // Amira's signature.json but claims a different project name fails to open at all.
    const { Decrypter } = await import("age-encryption");
    const { strToU8, unzipSync, zipSync } = await import("fflate");
    const bytes = await writeBundle(sampleProject(), FROM_AMIRA, { recipients: [me.recipient] }, undefined, { signWith: amira.identity });
    const d = new Decrypter();
    d.addIdentity(me.identity);
    const files = unzipSync(await d.decrypt(bytes));
    files["manifest.json"] = strToU8(new TextDecoder().decode(files["manifest.json"]).replace(INFO.projectName, "Another project"));
    await expect(bundleFromZip(zipSync(files))).rejects.toMatchObject({ code: "tampered" });
  });
});
