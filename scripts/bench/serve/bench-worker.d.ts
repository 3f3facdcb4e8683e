/** The Worker that serve/chunked.ts wraps: an alias the bundler resolves (wrangler --alias). */
declare module "bench-worker" {
  const worker: {
    fetch(request: Request, env: { ASSETS: import("./chunked-assets").AssetsBinding }, context: unknown): Response | Promise<Response>;
  };
  export default worker;
}
