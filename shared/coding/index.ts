/** The pure coding core: range algebra and word snapping, the code tree, merge planning, counts, code names, planning a coding. */
export * from "./ranges";
export * from "./codeTree";
export * from "./merge";
export * from "./counts";
export * from "./codeName";
export * from "./codeRange";
