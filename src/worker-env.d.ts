// Types `env` and `exports` of `cloudflare:workers` (used by the tests) from
// the app's own declarations, as `wrangler types` would.
import type { Bindings } from "./env";

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
    interface GlobalProps {
      mainModule: typeof import("./index");
    }
  }
}
