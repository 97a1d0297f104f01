/**
 * This coder's age identity and the team address book, both in the registry database (shared by every
 * project on this machine). The secret key never leaves this laptop; the public key ("age1…") is what
 * team members add so bundles can be locked to them.
 */
import { fingerprint, generateIdentity, isValidIdentity, isValidRecipient, recipientOf } from "../../shared/bundle";
import type { KeyProtection } from "../host/host";
import { registryDatabase, type StoredIdentity, type TeamMember } from "./registry";

export type { StoredIdentity, TeamMember };

export interface MyKey {
  recipient: string;
  fingerprint: string;
  protection: StoredIdentity["protection"];
}

export async function getStoredIdentity(): Promise<StoredIdentity | undefined> {
  const row = await registryDatabase().settings.get("identity");
  return row?.key === "identity" ? row.value : undefined;
}

/**
 * Makes this coder's identity on first need (first run, or an older profile made before keys existed).
 * Wrapped with the OS keychain when the host has one; otherwise stored as is, which Settings says plainly.
 */
export async function ensureIdentity(protection: KeyProtection | null, now = new Date()): Promise<MyKey> {
  const existing = await getStoredIdentity();
  if (existing) return describe(existing);
  const pair = await generateIdentity();
  const stored = await storable(pair.identity, pair.recipient, protection, now);
  // Two windows racing on first run must end with ONE identity: keep whichever landed first.
  return describe(
    await registryDatabase().transaction("rw", registryDatabase().settings, async () => {
      const raced = await getStoredIdentity();
      if (raced) return raced;
      await registryDatabase().settings.put({ key: "identity", value: stored });
      return stored;
    }),
  );
}

/** A secret key as stored: wrapped by the OS keychain when the host has one, else as is (Settings says so). */
async function storable(identity: string, recipient: string, protection: KeyProtection | null, now: Date): Promise<StoredIdentity> {
  const createdAt = now.toISOString();
  if (protection) {
    try {
      return { recipient, protection: "os-keychain", wrapped: await protection.protect(identity), createdAt };
    } catch {
      // The OS refused (no keyring on this Linux desktop, say): keep it unwrapped and say so in Settings.
    }
  }
  return { recipient, protection: "none", identity, createdAt };
}

function describe(stored: StoredIdentity): MyKey {
  return { recipient: stored.recipient, fingerprint: fingerprint(stored.recipient), protection: stored.protection };
}

/** The secret key, unwrapped for one decryption. */
export async function mySecretKey(protection: KeyProtection | null): Promise<string> {
  await ensureIdentity(protection);
  const stored = await getStoredIdentity();
  if (!stored) throw new Error("Your key could not be found.");
  return unwrap(stored, protection);
}

async function unwrap(stored: StoredIdentity, protection: KeyProtection | null): Promise<string> {
  if (stored.protection === "none") {
    if (!stored.identity) throw new Error("Your key is damaged: its secret part is missing.");
    return stored.identity;
  }
  if (!protection || !stored.wrapped) throw new Error("Your key is protected by the operating system, which is not available here.");
  return protection.unprotect(stored.wrapped);
}

export async function retiredIdentities(): Promise<StoredIdentity[]> {
  const row = await registryDatabase().settings.get("retired-identities");
  return row?.key === "retired-identities" ? row.value : [];
}

/**
 * Every secret key that may open a bundle or backup sent to me: the current one first, then keys used
 * before a saved key replaced them (one that can no longer be unwrapped is left out, not fatal).
 */
export async function mySecretKeys(protection: KeyProtection | null): Promise<string[]> {
  const keys = [await mySecretKey(protection)];
  for (const old of await retiredIdentities()) {
    try {
      keys.push(await unwrap(old, protection));
    } catch {
      // Unwrapping failed (OS keychain reset): the current key still works.
    }
  }
  return keys;
}

/**
 * Makes a saved key (from another laptop, or from before a profile was wiped) this coder's key. The
 * current key is retired, not deleted, so bundles and backups locked to it still open. Throws a
 * message for the screen when the key is not valid or is already mine.
 */
export async function adoptSavedKey(
  identity: string,
  protection: KeyProtection | null,
  now = new Date(),
): Promise<{ previous: MyKey; current: MyKey }> {
  const secret = identity.trim();
  if (!isValidIdentity(secret)) throw new Error("This is not an age secret key (AGE-SECRET-KEY-1…).");
  const previous = await ensureIdentity(protection);
  const recipient = await recipientOf(secret);
  if (recipient === previous.recipient) throw new Error("This saved key is already your key: nothing to change.");
  const stored = await storable(secret, recipient, protection, now);
  const db = registryDatabase();
  await db.transaction("rw", db.settings, async () => {
    const current = await getStoredIdentity();
    const retired = (await retiredIdentities()).filter((r) => r.recipient !== recipient);
    if (current && !retired.some((r) => r.recipient === current.recipient)) retired.unshift(current);
    await db.settings.put({ key: "retired-identities", value: retired });
    await db.settings.put({ key: "identity", value: stored });
  });
  return { previous, current: describe(stored) };
}

export async function listTeam(): Promise<TeamMember[]> {
  const row = await registryDatabase().settings.get("team");
  const members = row?.key === "team" ? row.value : [];
  return [...members].sort((a, b) => a.name.localeCompare(b.name));
}

/** Adds a member; throws a message the Team screen shows as is. */
export async function addTeamMember(input: { name: string; recipient: string }, now = new Date()): Promise<TeamMember> {
  const name = input.name.replace(/\s+/g, " ").trim();
  const recipient = input.recipient.trim();
  if (!name) throw new Error("Enter the team member's name.");
  if (name.length > 120) throw new Error("Keep the name under 120 characters.");
  if (!recipient) throw new Error("Paste the team member's public key (it starts with age1).");
  if (!isValidRecipient(recipient)) {
    throw new Error(
      recipient.startsWith("AGE-SECRET-KEY")
        ? "That is a secret key. Ask for the public key instead (it starts with age1) — and keep secret keys private."
        : "That is not a valid public key. It starts with age1 and is 62 characters long; copy it again from their Team screen.",
    );
  }
  const mine = await getStoredIdentity();
  if (mine?.recipient === recipient) throw new Error("That is your own public key: you are always included.");
  const member: TeamMember = { recipient, name, addedAt: now.toISOString() };
  await registryDatabase().transaction("rw", registryDatabase().settings, async () => {
    const members = await listTeam();
    const same = members.find((m) => m.recipient === recipient);
    if (same) throw new Error(`That key is already in the team, as ${same.name}.`);
    await registryDatabase().settings.put({ key: "team", value: [...members, member] });
  });
  return member;
}

export async function removeTeamMember(recipient: string): Promise<void> {
  await registryDatabase().transaction("rw", registryDatabase().settings, async () => {
    const members = await listTeam();
    await registryDatabase().settings.put({ key: "team", value: members.filter((m) => m.recipient !== recipient) });
  });
}
