#!/usr/bin/env python3
"""k-fold cross-validation of the captions stage over the dev sets, by article.

Why: the dev figures of a rule set written while looking at the dev articles say how well the rules fit
those articles, not how well they hold on news. Splitting the articles into k folds by a hash of their id
(stable across runs and machines) and scoring each fold on its own shows the spread a held-out set of the
same kinds would show; with a tunable threshold (--sweep), the value is chosen on the other k-1 folds and
only then scored on the held-out fold, so the held-out figure never saw the fold it is reported for. Each
fold also reports F1 and leakage on the other folds (train.*), so a fit shows as a gap between the two.

Usage (from the worktree root, after building copydesk-worker):
  tests/stages/captions/crossval.py [--folds 5] [--cmd "build/release/worker/copydesk-worker process"]
      [--score ../shared/tools/score] [--json] [SET_DIR ...]
  default sets: ../shared/corpus/captions/dev ../shared/corpus/credits/dev

  --sweep KEY=V1,V2,...   a captions config key (e.g. max_caption_words=60,80,100) passed to the worker as
                          `--set stages.captions.KEY=V` (see --set-flag); per fold the value with the best
                          captions F1 on the other folds (pooled) is chosen, then the held-out fold is scored with it.

The corpus texts are read from ../shared/corpus at run time and written only to a temporary directory.
Python standard library only.
"""
import json
import os
import shlex
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from crossval_folds import argument_parser, figure, fmt, fold_of, read_jsonl, run_worker, score_subset  # noqa: E402

FIGURES = (("captions", "F1"), ("captions", "P"), ("captions", "R"), ("captions", "leakage"),
           ("credits", "all_found"))
TRAIN_FIGURES = (("captions", "F1"), ("captions", "leakage"))


def pooled(sets):
    articles, gold = [], []
    for set_dir in sets:
        by_id = {a["id"]: a for a in read_jsonl(os.path.join(set_dir, "articles.jsonl"))}
        for g in read_jsonl(os.path.join(set_dir, "gold.jsonl")):
            if g["id"] in by_id:
                articles.append(by_id[g["id"]])
                gold.append(g)
    return articles, gold


def main(argv):
    parser = argument_parser(__doc__, ["../shared/corpus/captions/dev", "../shared/corpus/credits/dev"])
    parser.add_argument("--sweep", default="", help="KEY=V1,V2,... a captions config key to choose per fold")
    args = parser.parse_args(argv)

    articles, gold = pooled(args.sets)
    folds = [[i for i, g in enumerate(gold) if fold_of(g["id"], args.folds) == k] for k in range(args.folds)]

    candidates = [("", args.cmd)]
    if args.sweep:
        key, _, values = args.sweep.partition("=")
        candidates = [(v, f"{args.cmd} {args.set_flag} {shlex.quote(f'stages.captions.{key}={v}')}") for v in values.split(",")]
    preds = {value: run_worker(cmd, articles) for value, cmd in candidates}
    if "" not in preds:
        preds[""] = run_worker(args.cmd, articles)  # the pooled figure is the default configuration's

    rows = []
    with tempfile.TemporaryDirectory(prefix="captions-crossval-") as tmp:
        def score_fold(value, indices, name):
            return score_subset(args.score, tmp, name, [articles[i] for i in indices], [gold[i] for i in indices],
                                preds[value], only="captions,credits")

        for k, held in enumerate(folds):
            chosen = candidates[0][0]
            if len(candidates) > 1:
                train = [i for j, f in enumerate(folds) if j != k for i in f]
                best = None
                for value, _ in candidates:
                    f1 = figure(score_fold(value, train, f"train{k}-{value}"), "captions", "F1") or 0.0
                    if best is None or f1 > best[0]:
                        best = (f1, value)
                chosen = best[1]
            result = score_fold(chosen, held, f"fold{k}")
            # The same figures on the other folds (what the rules were chosen on when sweeping): a held-out
            # figure far below its training figure is a rule that fits articles, not layouts.
            train_result = score_fold(chosen, [i for j, f in enumerate(folds) if j != k for i in f], f"rest{k}")
            rows.append({"fold": k, "articles": len(held), "chosen": chosen,
                         **{f"{t}.{f}": figure(result, t, f) for t, f in FIGURES},
                         **{f"train.{t}.{f}": figure(train_result, t, f) for t, f in TRAIN_FIGURES}})
        total = score_fold("", list(range(len(gold))), "all")

    keys = [f"{t}.{f}" for t, f in FIGURES]
    mean = {key: (sum(r[key] for r in rows if r[key] is not None) / max(1, sum(r[key] is not None for r in rows)))
            for key in keys}
    spread = {key: (max(r[key] for r in rows if r[key] is not None) - min(r[key] for r in rows if r[key] is not None))
              if any(r[key] is not None for r in rows) else None for key in keys}
    pooled_figs = {f"{t}.{f}": figure(total, t, f) for t, f in FIGURES}
    if args.json:
        json.dump({"folds": rows, "mean": mean, "spread": spread, "pooled": pooled_figs}, sys.stdout, indent=1)
        print()
        return 0
    train_keys = [f"train.{t}.{f}" for t, f in TRAIN_FIGURES]
    head = (f"{'fold':>6}{'arts':>6}" + "".join(f"{k:>19}" for k in keys) + "".join(f"{k:>25}" for k in train_keys)
            + ("   chosen" if args.sweep else ""))
    print(head)
    for r in rows:
        print(f"{r['fold']:>6}{r['articles']:>6}" + "".join(f"{fmt(r[k]):>19}" for k in keys)
              + "".join(f"{fmt(r[k]):>25}" for k in train_keys) + (f"   {r['chosen']}" if args.sweep else ""))
    print(f"{'mean':>6}{'':>6}" + "".join(f"{fmt(mean[k]):>19}" for k in keys))
    print(f"{'spread':>6}{'':>6}" + "".join(f"{fmt(spread[k]):>19}" for k in keys))
    print(f"{'pooled':>6}{len(gold):>6}" + "".join(f"{fmt(pooled_figs[k]):>19}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
