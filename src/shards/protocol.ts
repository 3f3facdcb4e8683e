/**
 * How a router and its shard Workers talk, over service bindings: JSON
 * over HTTP on paths no public route uses. Every answer carries the
 * shard's build, which the router checks against router.json: a shard
 * still serving an older build (a deploy under way) is a 503, never mixed
 * results.
 */
import type { DocumentRecord, ShardPlace } from "../search/artifact";
import type { DocumentWithRelated } from "../search/document";
import type { SearchRequest } from "../search/query";
import type { RankedAnswer } from "../search/search";
import type { SuggestionCounts } from "../search/suggest";
import { parseQuery } from "../search/syntax";

export const SHARD_PATHS = {
  search: "/_shard/search",
  strictTotal: "/_shard/strict-total",
  suggest: "/_shard/suggest",
  document: "/_shard/document",
  reading: "/_shard/reading",
  health: "/_shard/health",
} as const;

/** A request as a shard takes it: the router's validated request, its parsed query left out (the shard parses `q` again). */
export type ShardRequest = Omit<SearchRequest, "query">;

/** Every answer: the shard's build, and what was asked. */
export interface ShardReply<T> {
  build: string;
  answer: T;
}

export interface ShardAnswers {
  search: RankedAnswer;
  strictTotal: number;
  suggest: SuggestionCounts | null;
  /** null: the shard holds no document with the id. */
  document: DocumentWithRelated | null;
  reading: { record: DocumentRecord; marked: string } | null;
  health: { place: ShardPlace; documents: number };
}

/** What each path is sent, as a POST body. */
export interface ShardQuestions {
  /** content null: every hit's (JSON has no Infinity). */
  search: { request: ShardRequest; first: number; content: number | null };
  strictTotal: ShardRequest;
  suggest: { q: string };
  document: { id: string };
  reading: { id: string; request: ShardRequest };
  health: Record<string, never>;
}

export function shardRequest({ query: _query, ...request }: SearchRequest): ShardRequest {
  return request;
}

/** The request a shard was sent, with its query parsed again. */
export function requestFromShard(request: ShardRequest): SearchRequest {
  return { ...request, query: parseQuery(request.q) };
}
