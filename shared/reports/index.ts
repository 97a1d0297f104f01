export * from "./model";
export { streamReport, buildReport } from "./build";
export { reportSourceFromTables } from "./tables";
export { abbreviateMiddle, rowLabels, slantedLabels } from "./chartLabels";
export { codedRuns, type CodedRun } from "./transcript";
