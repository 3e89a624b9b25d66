/// <reference types="vitest/config" />
import { readFile } from 'node:fs/promises'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { allowEchartsMockMethods, allowPrototypeOverrides } from './build/frozen-prototype'

function frozenPrototypeSafe(): Plugin {
  return {
    name: 'frozen-prototype-safe',
    transform(code, id) {
      const out = allowEchartsMockMethods(id, code)
      return out === null ? null : { code: out, map: null }
    },
    renderChunk(code) {
      const out = allowPrototypeOverrides(code)
      return out === code ? null : { code: out, map: null }
    },
  }
}

// Tauri loads the built files from disk: relative base, fixed dev port, no CDN.
export default defineConfig({
  base: './',
  plugins: [
    vue(),
    // Import only the Element Plus components the templates use (a smaller bundle starts faster);
    // the stylesheet is loaded whole in main.ts.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    frozenPrototypeSafe(),
  ],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  envPrefix: ['VITE_', 'TAURI_'],
  optimizeDeps: {
    esbuildOptions: {
      // The same fix for the dev server's pre-bundled dependencies.
      plugins: [
        {
          name: 'frozen-prototype-safe',
          setup(build) {
            build.onLoad({ filter: /[\\/]node_modules[\\/]dayjs[\\/].*\.js$/ }, async (args) => ({
              contents: allowPrototypeOverrides(await readFile(args.path, 'utf8')),
              loader: 'js',
            }))
            build.onLoad({ filter: /[\\/]echarts[\\/]lib[\\/]core[\\/]Scheduler\.js$/ }, async (args) => ({
              contents: allowEchartsMockMethods(args.path, await readFile(args.path, 'utf8')) ?? undefined,
              loader: 'js',
            }))
          },
        },
      ],
    },
  },
  build: {
    target: 'es2021',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    css: false,
    // Mounting Element Plus dialogs in jsdom takes seconds on a busy 2-core CI machine: the default 5 s
    // timed out there (never locally); a real hang still fails.
    testTimeout: 30000,
    server: { deps: { inline: ['element-plus'] } },
  },
})
