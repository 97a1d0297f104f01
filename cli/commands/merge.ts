/**
 * `margin merge a.margin b.margin --out c.margin (--identity key.txt | --passphrase-file F) [--recipient age1…]…
 *  [--code-clash merge|keep-both] [--coder NAME] [--signer age1…]…`
 * b is merged into a with the app's own planMerge/applyMergePlan. Conflicts go to the last writer and
 * are listed on stderr. Codes with the same name under the same parent on both sides are never merged
 * or duplicated silently: without --code-clash the command stops and lists them. Either choice is the
 * same whichever bundle comes first (the code with the larger id is merged away or renamed), and any
 * repair of old data (a code restored because live codings were on it) is listed on stderr. Who signed
 * each bundle is printed on stderr; a bad signature is refused, and with --signer so is any other signer
 * (cli/signer.ts).
 */
import { parseArgs } from "node:util";
import { HybridLogicalClock } from "../../shared/clock/hlc";
import { clockNodeFor, newId } from "../../shared/ids";
import { applyMergePlan, overlay, planMerge, type ClashResolution } from "../../shared/merge";
import { checkAgainstProject, describeProblems } from "../../shared/model/checkTables";
import type { CoderRecord } from "../../shared/model/records";
import { PROJECT_TABLE_NAMES } from "../../shared/model/tables";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput } from "../output";
import { KEY_OPTIONS, lockFromArgs, openBundleFromArgs, writeBundleFromArgs } from "../keys";
import { SIGNER_OPTION, signerLine, trustedSigners } from "../signer";
import type { CoderId } from "../../shared/ids";

export const usage =
  "margin merge a.margin b.margin --out c.margin (--identity key.txt | --passphrase-file F) [--recipient age1…]… [--code-clash merge|keep-both] [--signer age1…]…";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...KEY_OPTIONS,
      ...SIGNER_OPTION,
      out: { type: "string", short: "o" },
      "code-clash": { type: "string" },
      coder: { type: "string" },
    },
    allowPositionals: true,
  });
  const [fileA, fileB] = positionals;
  if (!fileA || !fileB || positionals.length > 2) throw new CliError(`give exactly two bundles: ${usage}`);
  if (!values.out) throw new CliError(`no output file: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const clashChoice = values["code-clash"];
  if (clashChoice !== undefined && clashChoice !== "merge" && clashChoice !== "keep-both")
    throw new CliError("--code-clash must be merge or keep-both");
  await lockFromArgs(values);
  const trusted = trustedSigners(values);

  const a = await openBundleFromArgs(fileA, values);
  // b's transcripts that a already has are not read again (a transcript never changes once imported).
  const b = await openBundleFromArgs(fileB, values, {
    projectId: a.manifest.projectId,
    sourceIds: new Set(a.tables.sourceContent.map((c) => c.id)),
  });
  for (const [file, opened] of [
    [fileA, a],
    [fileB, b],
  ] as const) {
    const signed = signerLine(file, opened, trusted);
    io.err(signed.warning ? `warning: ${signed.line}` : `note: ${signed.line}`);
  }
  if (a.manifest.projectId !== b.manifest.projectId) {
    io.err(
      `note: the bundles come from different projects (“${a.manifest.projectName}”, “${b.manifest.projectName}”); merging into the first`,
    );
  }
  // b may be a delta pointing at records only a has: its references are checked against both.
  const against = checkAgainstProject(a.tables, b.tables);
  if (against.total > 0)
    throw new CliError(`${fileB}: holds records that do not fit ${fileA}, so nothing was merged: ${describeProblems(against)}`);
  const plan = planMerge(a.tables, b.tables);

  if (plan.codeClashes.length > 0 && clashChoice === undefined) {
    const names = [...new Set(plan.codeClashes.map((c) => `“${c.name.trim()}”`))].slice(0, 3).join(", ");
    throw new CliError(
      `${plan.codeClashes.length} code(s) have the same name under the same parent in both bundles (${names}); choose --code-clash merge or --code-clash keep-both`,
      2,
    );
  }

  // The merge's own edits (clash resolutions) are stamped by a CLI coder, after every stamp in both.
  const coderName = values.coder?.trim() || "CLI";
  const existing = [...a.tables.coders, ...b.tables.coders].find((c) => !c.deleted && c.name === coderName);
  const coderId: CoderId = existing?.id ?? newId();
  const clock = new HybridLogicalClock(clockNodeFor(coderId), () => Date.now());
  for (const t of PROJECT_TABLE_NAMES) {
    if (t === "sourceContent") continue;
    for (const r of [...a.tables[t], ...b.tables[t]]) if (r.updatedAt > (plan.maxIncomingStamp ?? "")) clock.receive(r.updatedAt);
  }
  if (plan.maxIncomingStamp) clock.receive(plan.maxIncomingStamp);
  const clashes: Record<string, ClashResolution> = {};
  for (const c of plan.codeClashes) clashes[c.incomingId] = clashChoice ?? "keep-both";
  const { puts, summary } = applyMergePlan(a.tables, plan, { clashes }, { stamp: () => clock.tick(), coderId });
  const merged = overlay(a.tables, puts);
  if (!existing && plan.codeClashes.length > 0) {
    const stamp = clock.tick();
    const coder: CoderRecord = {
      id: coderId,
      createdAt: new Date().toISOString(),
      updatedAt: stamp,
      updatedBy: coderId,
      deleted: false,
      name: coderName,
      initials: "CLI",
      colour: "#666666",
      publicKey: null,
    };
    merged.coders.push(coder);
  }

  // Never silent: codes brought back so that no live coding is left on a deleted or missing code.
  for (const line of summary.repairs) io.err(`repaired: ${line}`);
  for (const c of plan.conflicts) {
    const who = String((c.winner === "incoming" ? c.incoming : c.local).updatedBy);
    io.err(`conflict: ${c.table} ${c.id} (${c.fields.join(", ")}) changed in both; kept the later edit, by ${who}`);
  }
  const size = await writeBundleFromArgs(
    merged,
    {
      projectId: a.manifest.projectId,
      projectName: a.manifest.projectName,
      exporter: { coderId, name: coderName },
      kind: "whole",
      since: null,
    },
    values.out,
    values,
  );
  const t = summary.byTable;
  io.out(
    `merged ${fileB} into ${fileA} → ${values.out} (${(size / 1024).toFixed(0)} KB): ` +
      `${t.sources.new} new sources, ${t.codes.new} new codes, ${t.codings.new} new codings, ${t.memos.new} new memos, ` +
      `${STAMPED_SUM(t, "changed")} changed, ${STAMPED_SUM(t, "deleted")} deleted, ${plan.conflicts.length} conflicts, ` +
      `${summary.codesMerged} codes merged, ${summary.codesRenamed} renamed` +
      (summary.codingsRepointed > 0 ? `, ${summary.codingsRepointed} codings moved to the code theirs was merged into` : ""),
  );
  return 0;
}

function STAMPED_SUM(t: Record<string, { changed: number; deleted: number }>, key: "changed" | "deleted"): number {
  return Object.values(t).reduce((n, c) => n + c[key], 0);
}
