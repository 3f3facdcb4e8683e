/**
 * Artifacts handed to the app in Worker tests: the build's files by asset
 * path, and an assets binding that serves them (404 for anything else).
 */
import type { ArtifactFiles } from "./provided";

export type { ArtifactFiles };

/** An assets binding serving these files, or nothing at all. */
export function assetsServing(files: ArtifactFiles | null): Fetcher {
  return {
    fetch: async (input: RequestInfo | URL) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      const body = files?.[path];
      return body === undefined ? new Response("Not Found", { status: 404 }) : new Response(decodeBase64(body));
    },
    connect: () => {
      throw new Error("not used");
    },
  } as unknown as Fetcher;
}

/** The asset path of the artifact's file whose path ends so ("/meta.json", "/documents.bin", "/lexicon/0.json"). */
export function pathOf(files: ArtifactFiles, ending: string): string {
  const path = Object.keys(files).find((name) => name.endsWith(ending));
  if (!path) throw new Error(`no ${ending} among the artifact's files`);
  return path;
}

/** The files with meta.json parsed, changed by `change`, and written back. */
export function withMeta(files: ArtifactFiles, change: (meta: any) => void): ArtifactFiles {
  const path = pathOf(files, "/meta.json");
  const index = JSON.parse(new TextDecoder().decode(decodeBase64(files[path]!)));
  change(index);
  return { ...files, [path]: encodeBase64(new TextEncoder().encode(JSON.stringify(index))) };
}

/** The files with one replaced by `text` (or removed, with null). */
export function withFile(files: ArtifactFiles, path: string, text: string | null): ArtifactFiles {
  const changed = { ...files };
  if (text === null) delete changed[path];
  else changed[path] = encodeBase64(new TextEncoder().encode(text));
  return changed;
}

function decodeBase64(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
