/**
 * Issue 13 items 2 and 3 for REFI-QDA: a .qde carries no content hash, so Margin computes each source's
 * from the text it imports; the result goes through the same schemas and checks as a bundle before the
 * app writes it (shared/refi/import.ts), so what REFI import writes always opens as a bundle.
 */
import { createHash } from "node:crypto";
import { strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../../shared/import/stats";
import { checkTables } from "../../../../shared/model/checkTables";
import { importQde } from "../../../../shared/refi/import";

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const TEXT = "Interviewer: How was the handover?\nP01: Hard, we had no shared record. Ünïcödé 🎉.";

const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Checked" origin="NVivo 14">
<Users><User guid="${G(1)}" name="Ada"/></Users>
<CodeBook><Codes><Code guid="${G(10)}" name="Handover" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="${G(100)}" name="P01"><PlainTextContent>${TEXT}</PlainTextContent>
<PlainTextSelection guid="${G(200)}" startPosition="35" endPosition="39"><Coding guid="${G(300)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding></PlainTextSelection>
</TextSource></Sources>
<Notes><Note guid="${G(50)}" name="Project note"><PlainTextContent>Loose</PlainTextContent></Note></Notes>
</Project>`;

describe("REFI-QDA import: records checked like a bundle's", () => {
  it("each source's content hash is the SHA-256 of the text as imported, and every record passes its schema", async () => {
    const { tables } = await importQde(strToU8(qde), "checked.qde");
    const content = tables.sourceContent[0]!;
    expect(content.text).toBe(TEXT);
    expect(tables.sources[0]!.contentHash).toBe(createHash("sha256").update(TEXT, "utf8").digest("hex"));
    expect(tables.codings).toHaveLength(1);
    expect(await checkTables(tables, { kind: "whole", hashText: sha256Hex })).toEqual({ problems: [], total: 0 });
  });
});
