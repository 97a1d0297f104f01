/**
 * Whether a bundle comes from who it says. A valid signature proves which age key made the bundle
 * (signature.ts); whose key that is comes from what the researcher pinned by hand: the Team list
 * (name → age1… key, compared by fingerprint when the member was added) and their own keys. A project's
 * coder rows also carry public keys, but they travel in bundles, so they only ever count against a
 * bundle (a key that belongs to another coder), never for it.
 *
 *   signed    valid signature by a Team member (or me) whose name matches the exporter: merge as usual
 *   mismatch  valid signature, but by a key that is not the exporter's: confirm before merging
 *   unknown   valid signature by a key not in the Team list: confirm before merging
 *   unsigned  no signature (bundles from before signatures): merge with a warning
 *
 * A signature says who sent the bundle, not who wrote each record: a bundle relays records other coders
 * made, and the sender vouches for all of them.
 */
import type { BundleManifest } from "./types";
import { fingerprint } from "./keys";
import type { BundleSignature } from "./signature";

export interface KnownKeys {
  /** The Team list: names the researcher gave, with each member's age1… key. */
  team: readonly { name: string; recipient: string }[];
  /** My own public keys (current and retired): a bundle I made on another computer. */
  mine: readonly string[];
  /** This project's coders and the keys their rows carry (not trusted for a bundle, only against one). */
  coders: readonly { id: string; name: string; publicKey: string | null; deleted?: boolean }[];
}

export type SenderCheck =
  | { status: "signed"; signer: string; fingerprint: string; name: string; mine: boolean }
  | { status: "mismatch" | "unknown"; signer: string; fingerprint: string; name: string | null; message: string }
  | { status: "unsigned"; message: string };

export const UNSIGNED_MESSAGE =
  "This bundle is not signed: anyone with a team member's public key could have made it. Merge it only if you know who sent it.";

/** Who signed a bundle and whether that is the coder it says it is from. */
export function judgeSender(
  manifest: Pick<BundleManifest, "exporter">,
  signature: BundleSignature | undefined,
  known: KnownKeys,
): SenderCheck {
  if (!signature) return { status: "unsigned", message: UNSIGNED_MESSAGE };
  const { signer } = signature;
  const print = signature.fingerprint;
  const claimed = manifest.exporter.name.trim() || "a team member";
  const mine = known.mine.includes(signer);
  const member = known.team.find((m) => m.recipient === signer);
  const name = mine ? "you" : (member?.name ?? null);
  const signedBy =
    name === null
      ? `a key that is not in your Team list (fingerprint ${print})`
      : `${name === "you" ? "your key" : name} (fingerprint ${print})`;

  // The exporter's own coder row names another key: this key is not theirs (or they changed keys).
  const exporterRow = known.coders.find((c) => c.id === manifest.exporter.coderId && !c.deleted);
  if (exporterRow?.publicKey && exporterRow.publicKey !== signer) {
    return {
      status: "mismatch",
      signer,
      fingerprint: print,
      name,
      message: `This bundle says it is from ${claimed}, whose key in this project has fingerprint ${fingerprint(exporterRow.publicKey)}, but it was signed by ${signedBy}. Check with ${claimed} that they sent it (and whether their key changed) before merging.`,
    };
  }
  // The key is another coder's in this project: someone is sending work under another name.
  const owner = known.coders.find((c) => c.publicKey === signer && c.id !== manifest.exporter.coderId && !c.deleted);
  if (owner) {
    return {
      status: "mismatch",
      signer,
      fingerprint: print,
      name: name ?? owner.name,
      message: `This bundle says it is from ${claimed}, but it was signed with the key of ${owner.name} (fingerprint ${print}). Check with ${claimed} that they sent it before merging.`,
    };
  }
  if (name === null) {
    return {
      status: "unknown",
      signer,
      fingerprint: print,
      name,
      message: `This bundle says it is from ${claimed}, but it was signed by ${signedBy}. Compare the fingerprint with ${claimed}'s Team screen, and add their key to your Team list, before merging.`,
    };
  }
  if (!mine && !sameName(name, claimed)) {
    return {
      status: "mismatch",
      signer,
      fingerprint: print,
      name,
      message: `This bundle says it is from ${claimed}, but it was signed by ${signedBy}. Check with ${name} that they sent it before merging.`,
    };
  }
  return { status: "signed", signer, fingerprint: print, name: mine ? claimed : name, mine };
}

/** True when the merge must wait for the researcher to confirm where the bundle came from. */
export function needsConfirmation(check: SenderCheck): boolean {
  return check.status === "mismatch" || check.status === "unknown";
}

/** One line for the preview and the CLI: "Signed by Amira Patel (fingerprint 7KQ2-M9XD-3RTA-B0CE)". */
export function senderLine(check: SenderCheck): string {
  switch (check.status) {
    case "signed":
      return `Signed by ${check.mine ? `you (${check.name})` : check.name} (fingerprint ${check.fingerprint}).`;
    case "unsigned":
      return "Not signed.";
    default:
      return `Signed by ${check.name ?? "an unknown key"} (fingerprint ${check.fingerprint}).`;
  }
}

/**
 * The Team list's name and the name the exporter gave themselves may differ in detail ("Amira" for
 * "Amira Patel"): the same person when every word of the shorter is a word of the longer.
 */
function sameName(a: string, b: string): boolean {
  const words = (s: string) =>
    s
      .normalize("NFKC")
      .toLocaleLowerCase()
      .split(/[\s.,]+/)
      .filter(Boolean);
  const [x, y] = [words(a), words(b)];
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w) => long.includes(w));
}
