import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { listSources } from "../db/sources";
import { listCases } from "../db/cases";
import { listsVersion } from "./listsVersion";
import { useLive } from "../db/live";
import { useProject } from "../project/ProjectContext";
import { CorpusClient } from "./corpusClient";
import type { CorpusStatus } from "./corpusProtocol";

const CorpusContext = createContext<CorpusClient | null>(null);

/** One corpus worker per open project, kept in step with its live sources. */
export function CorpusProvider({ children }: { children: ReactNode }) {
  const project = useProject();
  const [client, setClient] = useState<CorpusClient | null>(null);
  useEffect(() => {
    const made = new CorpusClient(project.entry.id);
    setClient(made);
    return () => made.dispose();
  }, [project]);
  const lists = useLive(async () => {
    const [sources, cases] = await Promise.all([listSources(project), listCases(project)]);
    return { sourceIds: sources.map((s) => s.id as string), version: listsVersion(sources, cases) };
  }, [project]);
  useEffect(() => {
    if (client && lists) client.sync(lists.sourceIds, lists.version);
  }, [client, lists]);
  return <CorpusContext.Provider value={client}>{children}</CorpusContext.Provider>;
}

/** The open project's corpus worker (null for the first render, before it starts). */
export function useCorpus(): CorpusClient | null {
  return useContext(CorpusContext);
}

const NOTHING: CorpusStatus = { loaded: 0, total: 0 };

/** How much of the project the worker holds, for "indexing 412 of 1,000 sources". */
export function useCorpusStatus(): CorpusStatus {
  const client = useCorpus();
  return useSyncExternalStore(
    (listener) => client?.subscribe(listener) ?? (() => {}),
    () => client?.getStatus() ?? NOTHING,
  );
}
