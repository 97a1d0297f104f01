import type { MemoTargetKind } from "../../shared/model/records";
import type { MemoLinkKind } from "../../shared/memos/links";
import { routeHref, sourceHref } from "../app/router";
import type { CodingSession } from "../project/codingSession";
import { memoPlaces } from "./memoNavigation";

/**
 * Where following a memo link (or a memo's "linked to") goes inside the app. Sources and codings
 * open the source; codes go to Coded segments with the code chosen; cases to the case sheet; memos
 * to the Memos view with that memo open.
 */
export function targetHref(
  projectId: string,
  kind: MemoLinkKind | MemoTargetKind,
  id: string,
  sourceId: string | null,
  range: { start: number; end: number } | null = null,
): string | null {
  const view = (v: "cases" | "retrieval" | "memos") => routeHref({ name: "project", projectId, view: v, sourceId: null });
  switch (kind) {
    case "source":
      return sourceHref(projectId, id);
    case "coding":
      // A coding link opens its source at the coded text.
      return sourceId ? sourceHref(projectId, sourceId, range ?? undefined) : null;
    case "case":
      return view("cases");
    case "code":
      return view("retrieval");
    case "memo":
      return view("memos");
    case "project":
      return null;
  }
}

/** What following the link does besides changing the route. */
export function followTarget(projectId: string, session: CodingSession, kind: MemoLinkKind | MemoTargetKind, id: string): void {
  if (kind === "code") session.selectCode(id);
  if (kind === "memo") memoPlaces.setOpen(projectId, id);
}

export const KIND_WORDS: Record<MemoTargetKind, string> = {
  project: "Project",
  source: "Source",
  code: "Code",
  coding: "Coding",
  case: "Case",
};
