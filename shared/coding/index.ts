/** The pure coding core: range algebra and word snapping, the code tree, merge planning, counts. */
export * from "./ranges";
export * from "./codeTree";
export * from "./merge";
export * from "./counts";
