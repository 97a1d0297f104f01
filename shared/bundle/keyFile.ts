/**
 * A saved copy of a coder's key: the identity in age-keygen's text form, locked with a passphrase by
 * age (scrypt). Why: bundles sent to me and my automatic backups open only with this key; a new laptop,
 * or a browser profile wiped by IT, would otherwise lose them for good. The file is a plain age file, so
 * `age -d` with the passphrase gives an identity file usable with `age -d -i` and `margin … --identity`.
 */
import { describeError } from "../describeError";
import { Decrypter, Encrypter } from "age-encryption";
import { BundleError, subject } from "./errors";
import { isValidIdentity, MIN_PASSPHRASE_LENGTH, recipientOf } from "./keys";
import { lockKind } from "./read";

export interface SealKeyOptions {
  /** age's scrypt work factor (log2); tests lower it, production keeps age's 18. */
  scryptWorkFactor?: number;
  now?: Date;
}

/** The key file's bytes. Refuses a passphrase under the minimum length, like passphrase bundles. */
export async function sealKeyFile(identity: string, passphrase: string, options: SealKeyOptions = {}): Promise<Uint8Array> {
  if (!isValidIdentity(identity)) throw new BundleError("bad-key", "This is not an age secret key (AGE-SECRET-KEY-1…).");
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new BundleError("bad-key", `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  const recipient = await recipientOf(identity);
  const text = `# Margin key, saved ${(options.now ?? new Date()).toISOString()}\n# public key: ${recipient}\n${identity}\n`;
  const encrypter = new Encrypter();
  if (options.scryptWorkFactor !== undefined) encrypter.setScryptWorkFactor(options.scryptWorkFactor);
  encrypter.setPassphrase(passphrase);
  return encrypter.encrypt(text);
}

/** The secret key in a saved key file, or a BundleError naming the file (wrong passphrase, not a key file…). */
export async function openKeyFile(bytes: Uint8Array, passphrase: string, fileName?: string): Promise<string> {
  const kind = lockKind(bytes);
  if (kind === "not-age")
    throw new BundleError("not-a-bundle", `${subject(fileName)} is not a saved Margin key: it is not an age file.`, fileName);
  if (kind === "recipients") {
    throw new BundleError(
      "not-a-bundle",
      `${subject(fileName)} is not a saved Margin key: it is locked to team members' keys, not a passphrase (a team bundle?).`,
      fileName,
    );
  }
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  let text: string;
  try {
    text = await decrypter.decrypt(bytes, "text");
  } catch (error) {
    const message = describeError(error);
    if (/no identity matched/.test(message)) {
      throw new BundleError(
        "wrong-passphrase",
        `The passphrase does not open ${subject(fileName).replace(/^This/, "this")}. Check it and try again.`,
        fileName,
      );
    }
    throw new BundleError("tampered", `${subject(fileName)} is damaged or incomplete.`, fileName);
  }
  const keys = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith("AGE-SECRET-KEY-1"));
  const [identity] = keys;
  if (keys.length !== 1 || identity === undefined || !isValidIdentity(identity)) {
    throw new BundleError("bad-key", `${subject(fileName)} opens, but it does not hold exactly one age secret key.`, fileName);
  }
  return identity;
}
