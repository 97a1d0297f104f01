import { describe, expect, it } from "vitest";
import {
  fingerprint,
  generateIdentity,
  isValidIdentity,
  isValidRecipient,
  passphraseStrength,
  recipientOf,
} from "../../../../shared/bundle";

describe("team keys", () => {
  it("generates X25519 identities whose recipient the identity gives back", async () => {
    const a = await generateIdentity();
    expect(a.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(a.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(await recipientOf(a.identity)).toBe(a.recipient);
    expect(isValidIdentity(a.identity)).toBe(true);
    expect(isValidRecipient(a.recipient)).toBe(true);
    expect(isValidRecipient(` ${a.recipient}\n`)).toBe(true);
    await expect(recipientOf("not a key")).rejects.toThrow(/AGE-SECRET-KEY-1/);
  });

  it("rejects recipients with a wrong checksum, length or prefix", async () => {
    const { recipient } = await generateIdentity();
    const last = recipient.at(-1) === "q" ? "p" : "q";
    expect(isValidRecipient(recipient.slice(0, -1) + last)).toBe(false);
    expect(isValidRecipient(recipient.slice(0, -1))).toBe(false);
    expect(isValidRecipient(recipient.replace("age1", "agx1"))).toBe(false);
    expect(isValidRecipient("")).toBe(false);
  });

  it("fingerprints are 4 groups of 4 unambiguous characters, stable and distinct", async () => {
    const a = await generateIdentity();
    const b = await generateIdentity();
    const fa = fingerprint(a.recipient);
    expect(fa).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(fingerprint(a.recipient)).toBe(fa);
    expect(fingerprint(b.recipient)).not.toBe(fa);
    // Pinned so the code cannot drift between versions (team members compare codes across laptops).
    // SHA-256 of this key starts cf 7e…: bits 11001 11101 … → Crockford 25 = S, 29 = X.
    expect(fingerprint("age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p")).toBe("SXZ5-D0HH-6586-GPZH");
  });

  it("passphrases: at least 12 characters and not trivially weak", () => {
    for (const weak of ["short", "aaaaaaaaaaaaaaaa", "password1234", "123456789012", "qwertyuiopas", "abcdabcdabcd"]) {
      expect(passphraseStrength(weak).ok, weak).toBe(false);
    }
    for (const fine of ["correct horse battery staple", "Plum-orbit-candle-17", "tea kettle river moon"]) {
      const s = passphraseStrength(fine);
      expect(s.ok, fine).toBe(true);
      expect(s.score).toBeGreaterThanOrEqual(2);
    }
    expect(passphraseStrength("short").hint).toMatch(/12 characters/);
    expect(passphraseStrength("correct horse battery staple").score).toBeGreaterThan(passphraseStrength("aaaaaaaaaaaaaaaa").score);
    expect(passphraseStrength("").label).toBe("Very weak");
  });
});
