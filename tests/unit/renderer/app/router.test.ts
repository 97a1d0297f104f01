import { describe, expect, it } from "vitest";
import { parseRoute, routeHref, searchHref, sourceHref } from "../../../../renderer/app/router";

describe("hash routes", () => {
  it("round-trips every project view", () => {
    for (const view of ["cases", "memos", "retrieval", "audit"] as const) {
      const route = { name: "project", projectId: "p1", view, sourceId: null } as const;
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
    expect(parseRoute("#/project/p1")).toEqual({ name: "project", projectId: "p1", view: "sources", sourceId: null });
    expect(parseRoute("#/")).toEqual({ name: "home" });
    expect(parseRoute("#/nonsense/x")).toEqual({ name: "home" });
  });

  it("carries a text anchor to a source", () => {
    const href = sourceHref("p1", "s/1", { start: 10, end: 42 });
    expect(href).toBe("#/project/p1/source/s%2F1?at=10-42");
    expect(parseRoute(href)).toEqual({ name: "project", projectId: "p1", view: "source", sourceId: "s/1", at: { start: 10, end: 42 } });
    expect(parseRoute("#/project/p1/source/s1?at=9-3")).toMatchObject({ sourceId: "s1", at: null });
    expect(parseRoute("#/project/p1/source/s1?at=x")).toMatchObject({ sourceId: "s1", at: null });
    expect(parseRoute("#/project/p1/source/s1")).toMatchObject({ sourceId: "s1", at: null });
  });

  it("carries a search to run, with whole words when asked (word frequency's words)", () => {
    const href = searchHref("p1", "nurse OR nurses", { wholeWords: true });
    expect(href).toBe("#/project/p1/search?q=nurse+OR+nurses&whole=1");
    expect(parseRoute(href)).toEqual({
      name: "project",
      projectId: "p1",
      view: "search",
      sourceId: null,
      query: "nurse OR nurses",
      wholeWords: true,
    });
    expect(parseRoute(searchHref("p1", "ward"))).toEqual({
      name: "project",
      projectId: "p1",
      view: "search",
      sourceId: null,
      query: "ward",
    });
  });
});
