/**
 * Who signed a bundle, for `margin verify` and `margin merge` (shared/bundle/signature.ts). The CLI has no
 * Team list: `--signer age1…` (repeatable) names the keys trusted to have made the bundles, and a bundle
 * not signed by one of them is refused. Without it the signer is printed, with whose coder row in the
 * bundle carries that key (a hint only: coder rows travel in bundles, so a forger can write them too).
 */
import { fingerprint, isValidRecipient, type OpenedBundle } from "../shared/bundle";
import { CliError } from "./io";

export const SIGNER_OPTION = {
  /** An age public key (age1…) trusted to have signed the bundles read; repeatable. */
  signer: { type: "string", multiple: true },
} as const;

/** The --signer keys, checked. */
export function trustedSigners(values: { signer?: string[] }): string[] {
  const keys = (values.signer ?? []).map((s) => s.trim());
  for (const k of keys) if (!isValidRecipient(k)) throw new CliError(`--signer ${k}: not an age public key (age1…)`);
  return keys;
}

/**
 * One line saying who signed `opened` ("signed by …" or "not signed: …"), and whether it is a warning.
 * Throws CliError (exit code 3) when --signer keys were given and none of them signed it.
 */
export function signerLine(file: string, opened: OpenedBundle, trusted: readonly string[]): { line: string; warning: boolean } {
  const { manifest, signature, tables } = opened;
  const claimed = manifest.exporter.name || "an unnamed coder";
  if (!signature) {
    if (trusted.length > 0) throw new CliError(`${file}: not signed, so it cannot be from a --signer key; refusing it`, 3);
    return { line: `${file}: not signed: anyone with a team key could have made it (it says it is from ${claimed})`, warning: true };
  }
  const by = `${file}: signed by ${signature.signer} (fingerprint ${signature.fingerprint})`;
  if (trusted.length > 0) {
    if (!trusted.includes(signature.signer))
      throw new CliError(`${by.replace(": signed", ": is signed")}, which is not a --signer key; refusing it`, 3);
    return { line: `${by}, a --signer key; it says it is from ${claimed}`, warning: false };
  }
  const exporterRow = tables.coders.find((c) => c.id === manifest.exporter.coderId && !c.deleted);
  if (exporterRow?.publicKey && exporterRow.publicKey !== signature.signer) {
    return {
      line: `${by}; warning: it says it is from ${claimed}, whose coder row carries another key (fingerprint ${fingerprint(exporterRow.publicKey)})`,
      warning: true,
    };
  }
  const owner = tables.coders.find((c) => c.publicKey === signature.signer && c.id !== manifest.exporter.coderId && !c.deleted);
  if (owner)
    return { line: `${by}; warning: it says it is from ${claimed}, but this is the key on ${owner.name}'s coder row`, warning: true };
  return {
    line: `${by}; it says it is from ${claimed}${exporterRow?.publicKey ? ", whose coder row carries this key" : ""} (pin keys with --signer)`,
    warning: false,
  };
}
