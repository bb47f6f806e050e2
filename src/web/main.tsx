// Entry of the web app: texts first (so the first paint is in the right language), then React.
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app/phone.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.js";
import { initI18n } from "./i18n/index.js";

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");
// Rendered once the chosen language's texts are there (Dutch at once; English after its chunk).
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
