export * from "./model";
export { streamReport, buildReport } from "./build";
export { reportSourceFromTables } from "./tables";
