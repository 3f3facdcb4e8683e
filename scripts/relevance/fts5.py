"""
The SQLite FTS5 side of the relevance report (scripts/relevance.ts).

Reads one JSON request on stdin:
  {"documents": [{"id", "title", "text"}, ...], "queries": ["<MATCH expression>", ...], "limit": 10}
and writes one JSON answer on stdout:
  {"sqlite": "<version>", "python": "<version>", "tokenize": "...", "weights": [2.0, 1.0],
   "results": [{"total": n, "top": [{"id", "score"}, ...]} or {"error": "...", "total": 0, "top": []}]}

`--probe` only checks that FTS5 works and prints the versions, so the report
can stop early, with a clear message, before building anything.

Exit status: 0 done, 3 when sqlite3 or its FTS5 extension is missing.
"""
import json
import sys

EXIT_NO_FTS5 = 3

# Porter stemming over unicode61 words, diacritics folded: the closest stock
# FTS5 analysis to ours (which lower-cases and folds with NFKC).
TOKENIZE = "porter unicode61 remove_diacritics 2"
# bm25() takes one weight per column, in declaration order: title counts
# twice, as our boost { title: 2 } does.
WEIGHTS = (2.0, 1.0)


def fail_without_fts5(reason):
    sys.stderr.write(reason + "\n")
    sys.exit(EXIT_NO_FTS5)


try:
    import sqlite3
except ImportError as error:  # a Python built without its sqlite3 module
    fail_without_fts5(f"python's sqlite3 module is missing ({error})")


def open_index():
    """An in-memory FTS5 table with the columns title and text."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize = '{TOKENIZE}')")
    except sqlite3.OperationalError as error:
        fail_without_fts5(f"SQLite {sqlite3.sqlite_version} has no usable FTS5 ({error})")
    return db


def versions():
    return {
        "sqlite": sqlite3.sqlite_version,
        "python": sys.version.split()[0],
        "tokenize": TOKENIZE,
        "weights": list(WEIGHTS),
    }


def add_documents(db, documents):
    # rowid = position + 1, so a hit's rowid finds its id without a column
    # (an UNINDEXED id column would shift bm25()'s weights).
    db.executemany(
        "INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)",
        ((position + 1, document["title"], document["text"]) for position, document in enumerate(documents)),
    )


def rank(db, ids, match, limit):
    """Top `limit` ids by bm25 for one MATCH expression, and how many match."""
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    try:
        total = db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()[0]
        rows = db.execute(
            # bm25() is lower for better matches; rowid breaks ties stably.
            f"SELECT rowid, bm25(docs, {weights}) AS score FROM docs WHERE docs MATCH ? ORDER BY score, rowid LIMIT ?",
            (match, limit),
        ).fetchall()
    except sqlite3.OperationalError as error:  # an expression FTS5 cannot parse
        return {"error": str(error), "total": 0, "top": []}
    # Negated so that, as with ours, a higher score is a better match. Not
    # rounded: a word in over half the documents gets an IDF of 1e-6.
    return {"total": total, "top": [{"id": ids[rowid - 1], "score": -score} for rowid, score in rows]}


def main():
    if "--probe" in sys.argv[1:]:
        open_index()
        json.dump(versions(), sys.stdout)
        return
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    documents = request["documents"]
    db = open_index()
    add_documents(db, documents)
    ids = [document["id"] for document in documents]
    results = [rank(db, ids, match, request["limit"]) for match in request["queries"]]
    json.dump({**versions(), "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
