#!/usr/bin/env python3
"""Where caption text stays in the body: per gold caption, the tokens of it the predicted body still holds.

Why: the scorer's leakage figure says how much caption text is left in the body, not which captions or why.
This lists, for every article that leaks, each gold caption's leaked tokens, whether a predicted caption
matched it, and the input paragraph(s) the caption text sits in with their neighbours — enough to see the
layout the detector missed. The corpus is read from ../shared/corpus at run time and printed to stdout
only; never paste what it prints into the repository.

Usage (from the worktree root, after building copydesk-worker):
  tests/stages/captions/leakage.py [--cmd "build/release/worker/copydesk-worker process"] [SET_DIR ...]
Python standard library only.
"""
import argparse
import collections
import hashlib
import json
import os
import re
import subprocess
import sys

TOKEN = re.compile(r"\w+")


def tokens(s):
    return [t.lower() for t in TOKEN.findall(s or "")]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def caption_string(c):
    credit = (c.get("credit") or {}).get("raw", "")
    return " ".join(x for x in (c.get("headline", ""), c.get("text", ""), credit) if x)


def f1(a, b):
    ca, cb = collections.Counter(tokens(a)), collections.Counter(tokens(b))
    tp = sum((ca & cb).values())
    total = sum(ca.values()) + sum(cb.values())
    return 2 * tp / total if total else 0.0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=["../shared/corpus/captions/dev", "../shared/corpus/credits/dev"])
    parser.add_argument("--cmd", default="build/release/worker/copydesk-worker process")
    parser.add_argument("--folds", type=int, default=5, help="fold numbering of crossval.py, shown per caption")
    parser.add_argument("--context", type=int, default=1, help="input paragraphs shown either side")
    args = parser.parse_args(argv)
    grand = 0
    for set_dir in args.sets:
        articles = {a["id"]: a for a in read_jsonl(os.path.join(set_dir, "articles.jsonl"))}
        gold = [g for g in read_jsonl(os.path.join(set_dir, "gold.jsonl")) if "captions" in g.get("tasks", [])]
        data = "".join(json.dumps(articles[g["id"]], ensure_ascii=False) + "\n" for g in gold).encode("utf-8")
        out = subprocess.run(args.cmd, shell=True, input=data, stdout=subprocess.PIPE, check=True).stdout
        preds = {}
        for line in out.decode("utf-8").splitlines():
            if line.strip():
                p = json.loads(line)
                preds.setdefault(p.get("id"), p)
        rows = []
        for g in gold:
            p = preds.get(g["id"], {})
            body = collections.Counter(t for para in p.get("paragraphs", []) for t in tokens(para.get("text", "")))
            gold_body = collections.Counter(t for para in g.get("paragraphs", []) for t in tokens(para))
            extra = body - gold_body
            pred_caps = [caption_string(c) for c in p.get("captions", [])]
            lines = [l for l in re.split(r"\n+", articles[g["id"]].get("text", "")) if l.strip()]
            for c in g.get("captions", []):
                s = caption_string(c)
                leaked = [t for t in tokens(s) if extra[t] > 0]
                for t in leaked:
                    extra[t] -= 1
                if not leaked:
                    continue
                best = max((f1(s, q) for q in pred_caps), default=0.0)
                rows.append((len(leaked), g["id"], c, best, lines))
        total = sum(r[0] for r in rows)
        grand += total
        print(f"== {set_dir}: {total} leaked tokens in {len(rows)} captions")
        for n, aid, c, best, lines in sorted(rows, key=lambda r: -r[0]):
            fold = int(hashlib.sha1(aid.encode("utf-8")).hexdigest(), 16) % args.folds
            print(f"\n--- {n} tokens  fold {fold}  {aid}  best predicted match F1={best:.2f}")
            print(f"  gold: headline={c.get('headline', '')!r}\n        text={c.get('text', '')!r}"
                  f"\n        credit={(c.get('credit') or {}).get('raw', '')!r}")
            key = set(tokens(c.get("text", "")))
            hits = [i for i, l in enumerate(lines) if key and len(key & set(tokens(l))) >= 0.6 * len(key)]
            shown = sorted({j for i in hits for j in range(max(0, i - args.context), min(len(lines), i + args.context + 1))})
            for j in shown:
                mark = ">>" if j in hits else "  "
                print(f"  {mark}[{j}] {lines[j][:300]}")
    print(f"\ntotal leaked tokens: {grand}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
