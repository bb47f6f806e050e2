// The web app: Vite root is src/web, the build lands in dist/web where the server serves it (with an
// SPA fallback for client-side routes). In development /api is proxied to a running Koers server.
// vite-plugin-pwa makes it an installable app (docs/architecture.md, "The field app"): the manifest,
// and a Workbox service worker that precaches the app shell and every chunk so Koers opens without
// network. It caches no API answer: offline data comes from IndexedDB (web/features/offline).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const root = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

export default defineConfig({
  root,
  plugins: [
    react(),
    VitePWA({
      // registerSW.js, an external script (the CSP allows no inline one); a new release takes over at
      // the next load.
      injectRegister: "script",
      registerType: "autoUpdate",
      includeAssets: ["favicon.svg", "apple-touch-icon.png"],
      manifest: {
        name: "Koers — verkoop onderweg",
        short_name: "Koers",
        description: "Koers: relaties, afspraken, bezoekvoorbereiding en verslagen, ook zonder bereik.",
        lang: "nl",
        start_url: "/",
        scope: "/",
        display: "standalone",
        theme_color: "#1c7ed6",
        background_color: "#ffffff",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,json,woff2}"],
        // The largest chunks (ECharts) are about 1 MB; the map's municipal borders too.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        // Client routes open the shell offline; /api is never answered by the worker.
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    // The CSP allows scripts from our own origin only: no inline module preload polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
