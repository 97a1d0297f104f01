/// <reference lib="webworker" />
import { describeError } from "../../shared/describeError";
import { searchSources } from "../../shared/search/match";
import { searchNotes } from "../../shared/search/notes";
import { parseQuery } from "../../shared/search/query";
import type { RegexReply, RegexRequest } from "./regexSearch";

// One regular-expression search, then the corpus worker terminates this worker (./regexSearch.ts).
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<RegexRequest>) => {
  const { text, options, targets, notes } = event.data;
  let reply: RegexReply;
  try {
    const parsed = parseQuery(text, options);
    reply = parsed.ok
      ? { ok: true, outcome: { ...searchSources(parsed.query, targets), noteHits: searchNotes(parsed.query, notes).hits } }
      : { ok: false, message: parsed.message };
  } catch (e) {
    reply = { ok: false, message: describeError(e) };
  }
  scope.postMessage(reply);
};
