#!/usr/bin/env python3
"""Turn the caption fixtures (fixtures.txt) into a scorer set: articles.jsonl + gold.jsonl.

Why: captions_fixtures_test.cc checks each invented fixture article pass/fail; this lets the same invented
articles be scored by ../shared/tools/score, the scorer of the dev sets, so their captions, credits and
leakage figures can be read side by side with the dev figures (the contract: ../shared/corpus/FORMAT.md).

Usage (from the worktree root):
  tests/stages/captions/fixtures_to_set.py [--skip-known] [--with-body] FIXTURES OUT_DIR
  ../shared/tools/score run --cmd "build/release/worker/copydesk-worker process" OUT_DIR

What is written, per fixture (file format: the header of fixtures.txt, read as caption_fixtures.cc reads it)
- articles.jsonl: {"id": "capfix-<fixture id>", "text": <article text>}: the crawler text form with the
  headline as its first line and no "title" key, as the L3S caption articles are.
- gold.jsonl: {"id", "title", "paragraphs", "captions", "tasks"}
  - captions: the "caption:" lines in order, {"headline"? , "text", "credit"?}; "credit" is left out when
    the fixture gives no credit at all (FORMAT.md: in a credits-scored article that means "no credit").
  - tasks: "captions", plus "credits" when some caption has a credit. A fixture with no caption line has
    "captions": [] (a negative). With --with-body also "title" and "body".
  - paragraphs: every non-blank line after the headline (the worker takes each line as a paragraph), with
    the caption blocks' headline, text and credit spans cut out; what is left of a caption line is kept
    unless it is only a short label ("Image caption,"). The scorer's caption leakage counts caption tokens
    in the predicted body beyond the gold body's own counts, so it needs this full body. Bylines, datelines
    and other boilerplate are not labelled in the fixtures and so stay in these paragraphs: the body task
    is therefore off unless --with-body is given, and then it is only approximate.
- "known:" fixtures are kept (the scorer has no notion of them); --skip-known leaves them out.
Warnings (a caption span not found in the text, a "body:" line missing from the built paragraphs) go to
stderr; the exit status is 1 if there was any. Python standard library only.
"""
import argparse
import json
import os
import re
import sys

ID_PREFIX = "capfix-"
WORD = re.compile(r"\w+")


def load_fixtures(path):
    """The fixtures of `path` in file order, parsed exactly as LoadFixtures() in caption_fixtures.cc."""
    fixtures = []
    in_text = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        if line.startswith("=== "):
            fixtures.append({"id": line[4:].strip(" \t"), "note": "", "text": "", "captions": [], "body": [],
                             "known": ""})
            in_text = True
            continue
        if not fixtures:
            continue  # the file's header comments
        fx = fixtures[-1]
        if in_text:
            if line == "---":
                in_text = False
                fx["text"] = fx["text"].rstrip("\n")
            elif not fx["text"] and line.startswith("note: "):
                fx["note"] = line[6:]
            else:
                fx["text"] += line + "\n"
            continue
        if line.startswith("caption:"):
            parts = [p.strip(" \t") for p in line[8:].split("|")]
            parts = (parts + [""] * 6)[:6]
            photographers = [p.strip(" \t") for p in parts[3].split(";")] if parts[3] else []
            fx["captions"].append({"headline": parts[0], "text": parts[1], "credit": parts[2],
                                   "photographers": photographers, "agency": parts[4], "distributor": parts[5]})
        elif line.startswith("body:"):
            fx["body"].append(line[5:].strip(" \t"))
        elif line.startswith("known:"):
            fx["known"] = line[6:].strip(" \t")
    return fixtures


def collapse(s):
    return " ".join(s.split())


class Lines:
    """The article's lines with the character spans already given to a caption."""

    def __init__(self, text):
        self.lines = text.split("\n")
        self.used = [[] for _ in self.lines]  # per line: (start, end) spans cut out

    def free(self, i, start, end):
        return all(end <= a or start >= b for a, b in self.used[i])

    def candidates(self, s, lo, hi):
        """(rank, line, start) for every free occurrence of `s` in lines lo..hi-1; a lower rank is a better
        block: 0 the whole line, 1 flush with the line's start or end, 2 anywhere else."""
        for i in range(max(lo, 0), min(hi, len(self.lines))):
            line = self.lines[i]
            start = line.find(s)
            while start >= 0:
                end = start + len(s)
                if self.free(i, start, end):
                    before, after = line[:start].strip(), line[end:].strip()
                    rank = 0 if not before and not after else 1 if not before or not after else 2
                    yield rank, i, start
                start = line.find(s, start + 1)

    def take(self, i, start, length):
        self.used[i].append((start, start + length))

    def residue(self, i):
        """Line i with its caption spans cut out (the pieces joined by a space)."""
        line, pieces, pos = self.lines[i], [], 0
        for a, b in sorted(self.used[i]):
            pieces.append(line[pos:a])
            pos = b
        pieces.append(line[pos:])
        return collapse(" ".join(pieces))


def is_label(s):
    """A short UI label left beside a caption ("Image caption,", "Photo:"), not body text."""
    return len(WORD.findall(s)) <= 3 and not re.search(r"[.!?\"”]$", s)


def build_body(fx, warn):
    """(title, paragraphs): the headline and the body lines with every caption block's spans cut out."""
    doc = Lines(fx["text"])
    head = next((i for i, line in enumerate(doc.lines) if line.strip()), None)
    if head is None:
        return "", []
    doc.take(head, 0, len(doc.lines[head]))
    cursor = head + 1  # captions are in reading order: each is looked for from the previous one's line on
    for n, cap in enumerate(fx["captions"]):
        # A gallery's one credit line may be given to several captions: it is cut once, by whichever
        # caption finds it first.
        shared = bool(cap["credit"]) and any(other["credit"] == cap["credit"]
                                             for k, other in enumerate(fx["captions"]) if k != n)
        parts = [s for s in (cap["headline"], cap["text"], cap["credit"]) if s]
        if not parts:
            continue
        # The longest span anchors the block; the others are looked for within a few lines of it.
        a = max(range(len(parts)), key=lambda k: len(parts[k]))
        anchor = parts[a]
        found = sorted(doc.candidates(anchor, cursor, len(doc.lines)), key=lambda c: (c[0], c[1], c[2]))
        if not found:  # out of order: try the whole article
            found = sorted(doc.candidates(anchor, head + 1, len(doc.lines)), key=lambda c: (c[0], c[1], c[2]))
        if not found:
            warn(f"{fx['id']}: caption {n}: {anchor!r} not found in the text")
            continue
        _, line, start = found[0]
        doc.take(line, start, len(anchor))
        block = [line]
        for k, s in enumerate(parts):
            if k == a:
                continue
            near = sorted(doc.candidates(s, line - 3, line + 4), key=lambda c: (c[0], abs(c[1] - line), c[2]))
            if not near and shared and s == cap["credit"]:
                continue  # the gallery's line, cut with another of its captions
            if not near:
                warn(f"{fx['id']}: caption {n}: {s!r} not found near its caption")
                continue
            _, i, start = near[0]
            doc.take(i, start, len(s))
            block.append(i)
        cursor = max(cursor, min(block))
    paragraphs = []
    for i in range(head + 1, len(doc.lines)):
        if not doc.lines[i].strip():
            continue
        rest = doc.residue(i)
        if rest and not (doc.used[i] and is_label(rest)):
            paragraphs.append(rest)
    return collapse(doc.lines[head]), paragraphs


def gold_caption(cap):
    out = {}
    if cap["headline"]:
        out["headline"] = cap["headline"]
    out["text"] = cap["text"]
    if cap["credit"] or cap["photographers"] or cap["agency"] or cap["distributor"]:
        out["credit"] = {"raw": cap["credit"], "photographers": cap["photographers"], "agency": cap["agency"],
                         "distributor": cap["distributor"]}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fixtures", help="the fixture file (tests/stages/captions/fixtures.txt)")
    ap.add_argument("out_dir", help="the set folder to write (articles.jsonl, gold.jsonl)")
    ap.add_argument("--skip-known", action="store_true", help='leave out fixtures marked "known:"')
    ap.add_argument("--with-body", action="store_true",
                    help='also score "title" and "body" (approximate: boilerplate is not labelled)')
    args = ap.parse_args(argv)

    warnings = []

    def warn(msg):
        warnings.append(msg)
        print("warning: " + msg, file=sys.stderr)

    fixtures = load_fixtures(args.fixtures)
    if not fixtures:
        print(f"no fixtures in {args.fixtures}", file=sys.stderr)
        return 1
    articles, gold, seen = [], [], {}
    skipped = 0
    for fx in fixtures:
        if args.skip_known and fx["known"]:
            skipped += 1
            continue
        # The fixture id is unique in the file (the fixtures test checks it); should it repeat, the repeat
        # gets "-2", "-3"... in file order, so the ids stay the same from run to run.
        base = ID_PREFIX + re.sub(r"[^A-Za-z0-9._-]+", "-", fx["id"]).strip("-")
        seen[base] = seen.get(base, 0) + 1
        aid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        if seen[base] > 1:
            warn(f"duplicate fixture id {fx['id']!r}: written as {aid}")
        title, paragraphs = build_body(fx, warn)
        for keep in fx["body"]:
            if collapse(keep) not in paragraphs:
                warn(f"{fx['id']}: body line not among the built paragraphs: {keep[:60]!r}")
        captions = [gold_caption(c) for c in fx["captions"]]
        tasks = ["captions"]
        if any("credit" in c for c in captions):
            tasks.append("credits")
        if args.with_body:
            tasks += ["title", "body"]
        articles.append({"id": aid, "text": fx["text"]})
        gold.append({"id": aid, "title": title, "paragraphs": paragraphs, "captions": captions, "tasks": tasks})

    os.makedirs(args.out_dir, exist_ok=True)
    for name, records in (("articles.jsonl", articles), ("gold.jsonl", gold)):
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n_captions = sum(len(g["captions"]) for g in gold)
    n_credits = sum("credit" in c for g in gold for c in g["captions"])
    print(f"{len(articles)} articles ({sum(not g['captions'] for g in gold)} without captions, "
          f"{skipped} known skipped), {n_captions} captions, {n_credits} with credit -> {args.out_dir}"
          + (f"; {len(warnings)} warnings" if warnings else ""), file=sys.stderr)
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
