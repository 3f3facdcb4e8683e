import { exports } from "cloudflare:workers";

/** Sends a request to the Worker under test, inside workerd. */
export function request(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://search.test${path}`, init));
}

/** GETs a path and returns status, headers and the parsed JSON body. */
export async function getJson<T = any>(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await request(path, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}
