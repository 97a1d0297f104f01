/** Retrieval of coded segments: the ANY/ALL rule, context around a segment, CSV and clipboard text. */
export * from "./segments";
export * from "./context";
export * from "./csv";
export * from "./codeSearch";
