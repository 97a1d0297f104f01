// Sandboxed preload: bundled into one file by scripts/build-electron.mjs because
// sandboxed preloads can only require("electron").
import { contextBridge, ipcRenderer } from "electron";
import type { MarginApi } from "../shared/ipc/contract";
import { createMarginApi } from "./preloadApi";

const api: MarginApi = createMarginApi(ipcRenderer);
contextBridge.exposeInMainWorld("margin", api);
