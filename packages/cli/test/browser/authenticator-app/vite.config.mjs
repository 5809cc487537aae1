// Builds the Authenticator page (index.html + main.js) into the directory given by AUTHENTICATOR_APP_OUT.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  build: {
    outDir: process.env.AUTHENTICATOR_APP_OUT,
    emptyOutDir: true,
    // A test page: one readable bundle, no minifier time, no size warnings.
    minify: false,
    chunkSizeWarningLimit: 100_000,
    // Radix UI's "use client" directives mean nothing to a client-only bundle.
    rolldownOptions: { onwarn: (w, warn) => { if (w.code !== 'MODULE_LEVEL_DIRECTIVE') warn(w); } },
  },
});
