#!/usr/bin/env python3
"""k-fold cross-validation of the clean stage over the dev sets, by page (article).

Why: the clean stage's rules and thresholds were written while looking at the dev pages, so their dev
figure says how well they fit those pages, not how well they hold on the web. Each dev set is split into
k folds by a hash of the article id (stable across runs and machines); every fold is scored on its own
(the test figure) next to the other k-1 folds pooled (the train figure). A rule that helps only the page
it was written for shows as a train figure above the test figures. With --sweep, a tunable threshold is
chosen per fold on the train folds alone and only then scored on the held-out fold, so the test figure
never saw the fold it is reported for.

Usage (from the worktree root, after building copydesk-worker):
  tests/stages/clean/crossval.py [--folds 5] [--cmd "build/release/worker/copydesk-worker process"]
      [--score ../shared/tools/score] [--sweep KEY=V1,V2,...]... [--json] [SET_DIR ...]
  default sets: ../shared/corpus/extraction/dev ../shared/corpus/mojibake/dev

  --sweep KEY=V1,V2,...   a clean config key (e.g. html_sibling_ratio=0.1,0.2,0.3), passed to the worker as
                          `--set stages.clean.KEY=V`; repeat it to sweep a grid. Per fold the setting with the
                          best figure on the train folds is chosen (extraction: body shingle F1; mojibake:
                          fixed share, and nothing that breaks a negative case).

The corpus texts are read from ../shared/corpus at run time and written only to a temporary directory.
Python standard library only.
"""
import itertools
import json
import os
import shlex
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from crossval_folds import argument_parser, figure, fmt, fold_of, read_jsonl, run_worker, score_subset  # noqa: E402

# The figures reported per kind of set, the first being the one a sweep maximises.
FIGURES = {
    "body": (("body", "shingle_F1"), ("body", "shingle_P"), ("body", "shingle_R"), ("title", "accuracy")),
    "mojibake": (("mojibake", "fix"), ("mojibake", "negative")),
}


def load_set(set_dir):
    """(kind, articles, gold) with articles and gold in the same order."""
    gold_path = os.path.join(set_dir, "gold.jsonl")
    if not os.path.exists(gold_path):
        gold_path = os.path.join(set_dir, "mojibake.jsonl")
    gold = read_jsonl(gold_path)
    articles_path = os.path.join(set_dir, "articles.jsonl")
    if os.path.exists(articles_path):
        by_id = {a["id"]: a for a in read_jsonl(articles_path)}
    else:
        by_id = {g["id"]: {"id": g["id"], "text": g["original"]} for g in gold}
    gold = [g for g in gold if g["id"] in by_id]
    kind = "mojibake" if gold and "fixed" in gold[0] else "body"
    return kind, [by_id[g["id"]] for g in gold], gold


def objective(kind, result):
    """What a sweep maximises on the train folds."""
    if kind == "mojibake":
        negative = figure(result, "mojibake", "negative")
        if negative is not None and negative < 1.0:
            return -1.0  # breaking clean text is never a fair price for more repairs
        return figure(result, "mojibake", "fix") or 0.0
    return figure(result, "body", "shingle_F1") or 0.0


def main(argv):
    parser = argument_parser(__doc__, ["../shared/corpus/extraction/dev", "../shared/corpus/mojibake/dev"])
    parser.add_argument("--sweep", action="append", default=[],
                        help="KEY=V1,V2,... a clean config key to choose per fold")
    args = parser.parse_args(argv)

    axes = []
    for sweep in args.sweep:
        key, _, values = sweep.partition("=")
        axes.append([(key, v) for v in values.split(",")])
    settings = [tuple(combo) for combo in itertools.product(*axes)] if axes else [()]

    def command(setting):
        return args.cmd + "".join(f" {args.set_flag} {shlex.quote(f'stages.clean.{k}={v}')}" for k, v in setting)

    def label(setting):
        return ",".join(f"{k}={v}" for k, v in setting) or "default"

    report = {}
    for set_dir in args.sets:
        kind, articles, gold = load_set(set_dir)
        name = os.path.basename(os.path.dirname(os.path.abspath(set_dir))) or set_dir
        folds = [[i for i, g in enumerate(gold) if fold_of(g["id"], args.folds) == k] for k in range(args.folds)]
        preds = {s: run_worker(command(s), articles) for s in settings}
        rows = []
        with tempfile.TemporaryDirectory(prefix="clean-crossval-") as tmp:
            def score_fold(setting, indices, tag):
                return score_subset(args.score, tmp, f"{tag}-{len(rows)}-{abs(hash(setting))}",
                                    [articles[i] for i in indices], [gold[i] for i in indices], preds[setting])

            for k, held in enumerate(folds):
                train = [i for j, f in enumerate(folds) if j != k for i in f]
                train_results = {s: score_fold(s, train, f"train{k}") for s in settings}
                chosen = max(settings, key=lambda s: objective(kind, train_results[s]))
                test = score_fold(chosen, held, f"test{k}")
                rows.append({"fold": k, "articles": len(held), "chosen": label(chosen),
                             "train": {f"{t}.{f}": figure(train_results[chosen], t, f) for t, f in FIGURES[kind]},
                             "test": {f"{t}.{f}": figure(test, t, f) for t, f in FIGURES[kind]}})
        keys = [f"{t}.{f}" for t, f in FIGURES[kind]]
        mean = {side: {key: (sum(r[side][key] for r in rows if r[side][key] is not None)
                             / max(1, sum(r[side][key] is not None for r in rows))) for key in keys}
                for side in ("train", "test")}
        report[name] = {"kind": kind, "folds": rows, "mean": mean}

    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return 0
    for name, r in report.items():
        keys = list(r["mean"]["test"].keys())
        print(f"== {name} ({args.folds} folds by article)")
        print(f"{'fold':>6}{'arts':>6}" + "".join(f"{('train ' + k):>24}{('test ' + k):>24}" for k in keys)
              + ("   chosen" if args.sweep else ""))
        for row in r["folds"]:
            print(f"{row['fold']:>6}{row['articles']:>6}"
                  + "".join(f"{fmt(row['train'][k]):>24}{fmt(row['test'][k]):>24}" for k in keys)
                  + (f"   {row['chosen']}" if args.sweep else ""))
        print(f"{'mean':>6}{'':>6}" + "".join(f"{fmt(r['mean']['train'][k]):>24}{fmt(r['mean']['test'][k]):>24}"
                                             for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
