export * from "./spans";
export * from "./kappa";
export * from "./alpha";
export * from "./comparison";
export * from "./csv";
export * from "./pooled";
