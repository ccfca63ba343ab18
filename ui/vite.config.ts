import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

// The built files are embedded into the desktop binary by src-tauri (frontendDist: ../ui/dist).
export default defineConfig({
  clearScreen: false,
  plugins: [svelte(), svelteTesting()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "jsdom",
  },
});
