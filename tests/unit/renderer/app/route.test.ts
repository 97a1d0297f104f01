import { describe, expect, it } from "vitest";
import { parseRoute, routeHref } from "../../../../renderer/app/router";

describe("coding comparison route", () => {
  it("#/project/<id>/comparison opens the comparison view and links back to itself", () => {
    const route = parseRoute("#/project/p%201/comparison");
    expect(route).toEqual({ name: "project", projectId: "p 1", view: "comparison", sourceId: null });
    expect(routeHref(route)).toBe("#/project/p%201/comparison");
  });
});
