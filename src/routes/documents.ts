import { Hono } from "hono";
import type { DocumentResponse } from "../api/schemas";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { LIMITS } from "../limits";
import { codePointLength } from "../strings";
import { servedCorpusOf } from "../served-corpus";
import { parseNoParameters } from "../search/query";

/** GET /documents/:id: one document with its full text. Ids may contain "/". */
export const documentRoutes = new Hono<AppEnv>().get("/:id{.+}", async (c) => {
  parseNoParameters(new URL(c.req.url).searchParams);
  const id = c.req.param("id");
  if (codePointLength(id) > LIMITS.idLength) {
    throw new ApiError("invalid_parameter", `a document id is at most ${LIMITS.idLength} characters`);
  }
  const document = await (await servedCorpusOf(c.env)).document(id);
  if (!document) throw new ApiError("document_not_found", `no document has the id "${id}"`);
  const { id: documentId, title, source, date, url, fields, text } = document;
  return c.json({ id: documentId, title, source, date, url, fields, text } satisfies DocumentResponse);
});
