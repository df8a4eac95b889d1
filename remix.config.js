// @ts-check
/**
 * Remix options, the one source of truth passed to the Remix Vite plugin by
 * vite.config.ts (see docs/decisions/001-remix-vite-remix-config.md).
 * @type {import("@remix-run/dev").VitePluginConfig}
 */
const remixConfig = {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx", "**/.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};

export default remixConfig;
