import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Libraries every page needs get long-cached chunks of their own. Mantine is left to the bundler on
 * purpose: the components only some pages use (Select, NumberInput, Drawer...) then load with
 * those pages instead of in the first bundle. Every page is a lazy chunk (see src/router.tsx).
 */
const vendorGroups = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: "router", test: /node_modules[\\/]react-router[\\/]/ },
  { name: "query", test: /node_modules[\\/]@tanstack[\\/]/ },
];

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups.map((group, index) => ({ ...group, priority: vendorGroups.length - index })) },
      },
    },
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
