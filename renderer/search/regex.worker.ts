/// <reference lib="webworker" />
import { describeError } from "../../shared/describeError";
import { answerRegex, type HeldText, type RegexReply, type RegexRequest } from "./regexSearch";

// Regular-expression searches for the corpus worker, which terminates this worker past its time limit
// (./regexSearch.ts). The texts it was sent are kept between searches.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const held = new Map<string, HeldText>();

scope.onmessage = (event: MessageEvent<RegexRequest>) => {
  let reply: RegexReply;
  try {
    reply = answerRegex(held, event.data);
  } catch (e) {
    reply = { ok: false, message: describeError(e) };
  }
  scope.postMessage(reply);
};
