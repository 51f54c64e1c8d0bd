// The console is served by the API server under /admin/ in production; in development Vite proxies
// /api to the server so the session cookie stays same-origin.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.VITE_API_PROXY ?? "http://localhost:3000";

export default defineConfig({
  root,
  base: "/admin/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // react-admin and MUI make one large vendor bundle; it is cached and only admins load it.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": {
        target: apiTarget,
        changeOrigin: false,
        // The API refuses state-changing requests from origins other than its own (CSRF check). The
        // dev server stands in for that origin: its own pages' requests go on as the API's.
        configure: (proxy) =>
          proxy.on("proxyReq", (proxyRequest, request) => {
            if (request.headers.origin === `http://${request.headers.host}`) proxyRequest.setHeader("origin", new URL(apiTarget).origin);
          }),
      },
    },
  },
  preview: { port: 4173 },
});
