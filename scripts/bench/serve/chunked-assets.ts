/**
 * A Workers Static Assets binding that also serves a file the bench split
 * into parts (<path>.part0, <path>.part1, …), streaming them in order as one
 * body. Static assets (and wrangler dev) refuse any file over 25 MiB; this is
 * how an artifact past that limit is still measured in workerd, marked in the
 * results as one that could not be deployed.
 */

/** The part of the binding the Workers use (the Node-typed check has no Fetcher). */
export interface AssetsBinding {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export function chunkedAssets(assets: AssetsBinding): AssetsBinding {
  return {
    async fetch(input, init) {
      const whole = await assets.fetch(input, init);
      if (whole.status !== 404) return whole;
      const url = new URL(input);
      const base = `${url.origin}${url.pathname}`;
      const first = await assets.fetch(`${base}.part0`);
      if (!first.ok || !first.body) return whole;
      let part = 0;
      let reader = first.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          for (;;) {
            const { done, value } = await reader.read();
            if (!done) return controller.enqueue(value);
            part++;
            const next = await assets.fetch(`${base}.part${part}`);
            if (!next.ok || !next.body) return controller.close();
            reader = next.body.getReader();
          }
        },
      });
      return new Response(body, { headers: { "Content-Type": first.headers.get("Content-Type") ?? "application/octet-stream" } });
    },
  };
}
