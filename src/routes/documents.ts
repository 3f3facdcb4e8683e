import { Hono } from "hono";
import type { CompareResponse, DocumentResponse } from "../api/schemas";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { LIMITS } from "../limits";
import { codePointLength } from "../strings";
import { servedCorpusOf, type ServedCorpus } from "../served-corpus";
import { comparison, type DocumentWithRelated } from "../search/document";
import { parseNoParameters } from "../search/query";

/**
 * GET /documents/:id: one document with its full text and the documents
 * it shares passages with. GET /documents/:id/compare/:other: two documents
 * and the passages they share. Ids may contain "/": a path that is a
 * document's id is that document, even one in a folder named "compare".
 */
export const documentRoutes = new Hono<AppEnv>().get("/:id{.+}", async (c) => {
  parseNoParameters(new URL(c.req.url).searchParams);
  const path = c.req.param("id");
  const corpus = await servedCorpusOf(c.env);
  const compared = /^(.+?)\/compare\/(.+)$/.exec(path);
  const whole = await findDocument(corpus, path, !compared);
  if (!whole) {
    const [, id, otherId] = compared as unknown as [string, string, string];
    const [document, other] = await Promise.all([findDocument(corpus, id, true), findDocument(corpus, otherId, true)]);
    return c.json(compareResponse(document!, other!));
  }
  const { id, title, source, date, url, fields, text, related } = whole;
  return c.json({ id, title, source, date, url, fields, text, related } satisfies DocumentResponse);
});

async function findDocument(corpus: ServedCorpus, id: string, required: boolean): Promise<DocumentWithRelated | undefined> {
  if (codePointLength(id) > LIMITS.idLength) throw new ApiError("invalid_parameter", `a document id is at most ${LIMITS.idLength} characters`);
  const document = await corpus.document(id);
  if (!document && required) throw new ApiError("document_not_found", `no document has the id "${id}"`);
  return document;
}

function compareResponse(document: DocumentWithRelated, other: DocumentWithRelated): CompareResponse {
  const side = ({ id, source, title, date, text }: DocumentWithRelated) => ({ id, source, title, date, text });
  return { document: side(document), other: side(other), ...comparison(document, other) };
}
