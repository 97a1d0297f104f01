import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { startUp } from "./app/startUp";
import { HostProvider } from "./host/HostContext";
import "./styles.css";

const host = startUp();
const root = document.getElementById("root");
if (!root) throw new Error("The page is missing its #root element.");
createRoot(root).render(
  <StrictMode>
    <HostProvider host={host}>
      <App />
    </HostProvider>
  </StrictMode>,
);
