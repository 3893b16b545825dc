import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server forwards API, health and live traffic to a local server, so the page only ever
// talks to its own origin (the same shape as production, where the server serves client/dist).
const SERVER = 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre and deck.gl are large by nature; separate chunks cache across app releases.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            {
              name: 'deckgl',
              test: /node_modules[\\/](@deck\.gl|@luma\.gl|@loaders\.gl|@math\.gl)/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': SERVER,
      '/healthz': SERVER,
      '/readyz': SERVER,
      '/basemap': SERVER,
      '/socket.io': { target: SERVER, ws: true },
    },
  },
});
