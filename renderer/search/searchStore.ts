/**
 * The Search view's state, kept per open project outside React: a search keeps running, and its
 * results stay, while the researcher opens a hit in its source and comes back. The store also owns
 * the running search's cancel switch (an AbortSignal the corpus client honours by restarting the worker).
 */
import { useSyncExternalStore } from "react";
import { sortKwic, type KwicSort } from "../../shared/search/kwic";
import { parseQuery } from "../../shared/search/query";
import { describeError } from "../../shared/describeError";
import type { OpenProject } from "../db/projects";
import { CorpusStoppedError, type CorpusClient } from "./corpusClient";
import { INITIAL_STATE, isSearching, questionOf, type SearchForm, type SearchViewState } from "./searchState";

export class SearchStore {
  private state: SearchViewState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;
  /** The route's ?q= (and &whole=) last run, so coming back to the same address does not search again. */
  lastRouteQuery: string | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SearchViewState => this.state;

  update(patch: Partial<SearchViewState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  updateForm(patch: Partial<SearchForm>): void {
    this.update({ form: { ...this.state.form, ...patch } });
  }

  /** Re-sorts the results in place (no new search). */
  setSort(sort: KwicSort): void {
    const run = this.state.run;
    // A first screen is in the sort it was asked for: re-sorting it would show the wrong first rows.
    this.update({
      sort,
      activeIndex: 0,
      run: run.status === "done" && !run.firstScreen ? { ...run, rows: sortKwic(run.rows, sort) } : run,
    });
  }

  /** Runs the form's search in the corpus worker; a search already running is cancelled first. */
  async run(client: CorpusClient, form: SearchForm = this.state.form, interviewerLabels?: readonly string[]): Promise<void> {
    this.controller?.abort();
    this.controller = null;
    // A query that cannot be read is told at once, without asking the worker (parsing never runs the regex).
    const parsed = parseQuery(form.text, form.options);
    if (!parsed.ok) {
      this.update({ form, run: { status: "invalid", message: parsed.message } });
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.update({ form, run: { status: "running", form }, unticked: new Set(), activeIndex: 0 });
    const askedSort = this.state.sort;
    try {
      const answer = await client.ask("search", questionOf(form, askedSort, interviewerLabels), {
        signal: controller.signal,
        // The first screen of a big result comes first: show it while the rest arrives.
        onPartial: (first) => {
          if (this.controller !== controller || this.state.sort !== askedSort) return;
          const firstScreen = { total: first.counts.total, sources: first.counts.perSource.length };
          this.update({
            run: { status: "done", form, rows: first.rows, notes: [], sourcesSearched: first.sourcesSearched, partial: null, firstScreen },
          });
        },
      });
      if (this.controller !== controller) return;
      this.controller = null;
      if (!answer.ok) {
        this.update({ run: { status: "invalid", message: answer.message } });
        return;
      }
      // The worker sorted them; again only if the sort changed while it answered (30,000 rows take a moment).
      const rows = this.state.sort === askedSort ? answer.rows : sortKwic(answer.rows, this.state.sort);
      this.update({
        run: {
          status: "done",
          form,
          rows,
          notes: answer.notes,
          sourcesSearched: answer.sourcesSearched,
          partial: answer.stopped ? (answer.message ?? "The search stopped before it finished.") : null,
        },
      });
    } catch (e: unknown) {
      if (this.controller !== controller) return;
      this.controller = null;
      const cancelled = e instanceof CorpusStoppedError && e.reason === "cancelled";
      this.update({
        run: { status: "stopped", message: cancelled ? "Search cancelled." : describeError(e), cancelled },
      });
    }
  }

  /** Stops the running search (the worker is restarted: one regular expression cannot be interrupted). */
  cancel(): void {
    if (!isSearching(this.state.run)) return;
    this.controller?.abort();
  }
}

const stores = new WeakMap<OpenProject, SearchStore>();

export function searchStoreFor(project: OpenProject): SearchStore {
  let store = stores.get(project);
  if (!store) {
    store = new SearchStore();
    stores.set(project, store);
  }
  return store;
}

export function useSearchStore(project: OpenProject): [SearchViewState, SearchStore] {
  const store = searchStoreFor(project);
  return [useSyncExternalStore(store.subscribe, store.getState), store];
}
