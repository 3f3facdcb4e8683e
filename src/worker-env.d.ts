// The Worker's bindings and main module, for `cloudflare:workers` in tests
// (what `wrangler types` would generate, kept to what this project declares).
declare namespace Cloudflare {
  interface Env {
    ASSETS: Fetcher;
  }
  interface GlobalProps {
    mainModule: typeof import("./index");
  }
}
