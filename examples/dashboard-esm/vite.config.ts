import { defineConfig } from 'vite';

export default defineConfig({
  // Kite loads its WebAssembly with new URL('./kite_core_bg.wasm', import.meta.url): the build
  // copies it as an asset. In `vite dev`, pre-bundling would move kite.js away from it.
  optimizeDeps: { exclude: ['kite-privacy'] },
});
