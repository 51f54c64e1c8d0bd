// The console is served by the API server under /admin/ in production; in development Vite proxies
// /api to the server so the session cookie stays same-origin.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

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
      "/api": { target: process.env.VITE_API_PROXY ?? "http://localhost:3000", changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
