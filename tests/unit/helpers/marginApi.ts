/** The named functions window.margin offers the renderer, sorted: preload and the API it builds must both list exactly these. */
export const MARGIN_API_FUNCTIONS = [
  "appInfo",
  "deleteBackup",
  "listBackups",
  "onMenuCommand",
  "openFiles",
  "printToPdf",
  "protectKey",
  "readBackup",
  "saveFile",
  "unprotectKey",
  "writeBackup",
];
