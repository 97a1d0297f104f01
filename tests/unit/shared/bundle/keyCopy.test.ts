import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "../../renderer/db/helpers";
import { generateIdentity, readBundle, writeBundle } from "../../../../shared/bundle";
import { adoptSavedKey, ensureIdentity, mySecretKey, mySecretKeys, retiredIdentities } from "../../../../renderer/db/identity";
import { INFO, sampleProject } from "./fixtures";

beforeEach(freshIndexedDb);

describe("using a saved key", () => {
  it("makes it my key, keeps the previous one so bundles sent to it still open, and can switch back", async () => {
    const first = await ensureIdentity(null);
    const firstSecret = await mySecretKey(null);
    const toFirst = await writeBundle(sampleProject(), INFO, { recipients: [first.recipient] });
    const saved = await generateIdentity();

    const { previous, current } = await adoptSavedKey(saved.identity, null);
    expect(previous.recipient).toBe(first.recipient);
    expect(current.recipient).toBe(saved.recipient);
    expect((await ensureIdentity(null)).recipient).toBe(saved.recipient);
    expect(await mySecretKeys(null)).toEqual([saved.identity, firstSecret]);
    // A bundle sent to the old key opens with my keys.
    expect((await readBundle(toFirst, { identities: await mySecretKeys(null) })).tables).toEqual(sampleProject());

    // Back to the first key: the saved one is retired, the first is no longer listed twice.
    await adoptSavedKey(firstSecret, null);
    expect(await mySecretKeys(null)).toEqual([firstSecret, saved.identity]);
    expect((await retiredIdentities()).map((r) => r.recipient)).toEqual([saved.recipient]);
  });

  it("refuses my own key and something that is not a key, changing nothing", async () => {
    const me = await ensureIdentity(null);
    await expect(adoptSavedKey(await mySecretKey(null), null)).rejects.toThrow(/already your key/);
    await expect(adoptSavedKey("AGE-SECRET-KEY-1NOPE", null)).rejects.toThrow(/not an age secret key/);
    expect((await ensureIdentity(null)).recipient).toBe(me.recipient);
    expect(await retiredIdentities()).toEqual([]);
  });

  it("wraps the saved key with the OS keychain when the host has one", async () => {
    const protection = {
      protect: (s: string) => Promise.resolve(new TextEncoder().encode(`wrapped:${s}`)),
      unprotect: (b: Uint8Array) => Promise.resolve(new TextDecoder().decode(b).replace(/^wrapped:/, "")),
    };
    await ensureIdentity(protection);
    const saved = await generateIdentity();
    const { current } = await adoptSavedKey(saved.identity, protection);
    expect(current.protection).toBe("os-keychain");
    expect((await mySecretKeys(protection))[0]).toBe(saved.identity);
  });
});
