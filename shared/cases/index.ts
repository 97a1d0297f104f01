/** Cases and attributes: pure helpers (CSV, values, import plan, file-name patterns, source filters). */
export * from "./csv";
export * from "./values";
export * from "./plan";
export * from "./pattern";
export * from "./filter";
