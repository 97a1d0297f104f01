/**
 * Generated .qdpx fixtures for the codebook-size limits (issue 13 item 6): a project with n codes,
 * nested `width` per level, made in code so no binary fixture is kept. Also used by
 * tests/bench/codebook-import-bench.ts.
 */
import { strToU8, zipSync } from "fflate";

const guid = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;

/** The .qde XML of a project with `count` codes (no colours, so every one gets a palette colour). */
export function qdeWithCodes(count: number, width = 50): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Many codes" origin="test"><CodeBook><Codes>',
  ];
  // Codes in groups of `width` under a parent, so the tree is broad and shallow like real codebooks.
  let made = 0;
  while (made < count) {
    const parent = made++;
    parts.push(`<Code guid="${guid(parent)}" name="Theme ${parent}" isCodable="true">`);
    for (let k = 0; k < width - 1 && made < count; k++, made++)
      parts.push(`<Code guid="${guid(made)}" name="Code ${made}" isCodable="true"/>`);
    parts.push("</Code>");
  }
  parts.push("</Codes></CodeBook></Project>");
  return parts.join("");
}

export function qdpxWithCodes(count: number, width = 50): Uint8Array {
  return zipSync({ "project.qde": strToU8(qdeWithCodes(count, width)) });
}
