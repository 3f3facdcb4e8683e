/**
 * The naive baseline's MiniSearch options, shared by its build and its Worker
 * (loadJSON needs the options the index was built with): the title and the
 * text indexed with MiniSearch's defaults, and both stored in the index.
 */
import type { Options } from "minisearch";

export interface NaiveDocument {
  id: string;
  title: string;
  text: string;
}

export const NAIVE_OPTIONS: Options<NaiveDocument> = {
  fields: ["title", "text"],
  storeFields: ["title", "text"],
};

/** Where the naive artifact sits among its static assets: JSON.stringify(miniSearch). */
export const NAIVE_ASSET_PATH = "/_artifact/naive.json";
