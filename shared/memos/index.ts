export * from "./ast";
export * from "./links";
export * from "./parse";
export * from "./normalise";
export * from "./serialize";
export * from "./read";
export * from "./editing";
export * from "./search";
