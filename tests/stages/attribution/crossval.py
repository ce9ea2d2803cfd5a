#!/usr/bin/env python3
"""Five-fold cross-validation of the attribution stage on the dev sets, by article id.

Why: a rule tuned on the whole dev set flatters itself. Folds are fixed (a hash of the article id), so a
choice made by looking at folds A-D can be checked on fold E, and figures are comparable across commits.

Usage
  crossval.py [--worker CMD] [--folds 5] [--holdout K] SET_DIR [SET_DIR ...]
    Runs the worker once per set over all articles, splits gold and predictions into folds, and scores
    each fold with `score compare`. Prints per-fold figures, their mean, and with --holdout K the figures
    of the other folds pooled ("choose") next to fold K alone ("test").
  --variant-env NAME=V1,V2,...  runs the worker once per value with the environment variable set, picks
    the value with the best e2e_F1 on the choose folds and reports it on the held-out fold.
Standard library only; the corpora stay in ../shared (never copied into the repository).
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SCORE = os.path.abspath(os.path.join(ROOT, "..", "shared", "tools", "score"))
FIGURES = ("content_P", "content_R", "content_F1", "source_acc", "e2e_F1", "R_speech", "e2e_R_speech",
           "R_DIRECT", "R_INDIRECT", "R_MIXED", "resolved_acc")


def fold_of(article_id, folds):
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % folds


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_worker(cmd, articles_path, env=None):
    with open(articles_path, "rb") as f:
        out = subprocess.run(cmd, shell=True, stdin=f, stdout=subprocess.PIPE, cwd=ROOT, env=env, check=True)
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines() if line.strip()]


def score(set_dir, pred_path):
    out = subprocess.run([sys.executable, SCORE, "compare", "--json", "--only", "attribution", set_dir, pred_path],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    data = json.loads(out.stdout)
    # The JSON holds sets, then tasks, then figures; take the one attribution block.
    def find(node):
        if isinstance(node, dict):
            if "content_P" in node:
                return node
            node = list(node.values())
        if isinstance(node, list):
            for v in node:
                r = find(v)
                if r is not None:
                    return r
        return None
    return find(data) or {}


def subset_scores(tmp, name, gold, pred, ids):
    d = os.path.join(tmp, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "gold.jsonl"), "w", encoding="utf-8") as f:
        for g in gold:
            if g["id"] in ids:
                f.write(json.dumps(g) + "\n")
    pred_path = os.path.join(d, "pred.jsonl")
    with open(pred_path, "w", encoding="utf-8") as f:
        for p in pred:
            if p.get("id") in ids:
                f.write(json.dumps(p) + "\n")
    return score(d, pred_path)


def fmt(fig):
    return " ".join(f"{k}={fig[k]:.3f}" if isinstance(fig.get(k), (int, float)) else f"{k}=-"
                    for k in FIGURES if k in fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker", default="build/release/worker/copydesk-worker process")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--holdout", type=int, default=None)
    ap.add_argument("--variant-env", default=None)
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    variants = [None]
    if args.variant_env:
        name, values = args.variant_env.split("=", 1)
        variants = [(name, v) for v in values.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for set_dir in args.sets:
            set_dir = os.path.abspath(set_dir)
            gold = read_jsonl(os.path.join(set_dir, "gold.jsonl"))
            folds = [set() for _ in range(args.folds)]
            for g in gold:
                folds[fold_of(g["id"], args.folds)].add(g["id"])
            print(f"== {set_dir}: {len(gold)} articles, fold sizes {[len(f) for f in folds]}")
            results = {}
            for variant in variants:
                env = dict(os.environ)
                if variant:
                    env[variant[0]] = variant[1]
                pred = run_worker(args.worker, os.path.join(set_dir, "articles.jsonl"), env)
                # A set smaller than the folds (the one-article seed) leaves folds empty: scored as nothing.
                per_fold = [subset_scores(tmp, f"f{i}", gold, pred, ids) if ids else {} for i, ids in enumerate(folds)]
                results[variant] = (pred, per_fold)
                label = f"{variant[0]}={variant[1]}" if variant else "current"
                print(f"-- {label}")
                for i, fig in enumerate(per_fold):
                    print(f"   fold {i} ({len(folds[i])}): {fmt(fig)}")
                mean = {}
                for key in FIGURES:
                    values = [f[key] for f in per_fold if isinstance(f.get(key), (int, float))]
                    if values:
                        mean[key] = sum(values) / len(values)
                print(f"   mean      : {fmt(mean)}")
            if args.holdout is not None:
                k = args.holdout
                choose_ids = set().union(*[f for i, f in enumerate(folds) if i != k])
                best, best_f1 = None, -1.0
                for variant, (pred, _) in results.items():
                    fig = subset_scores(tmp, "choose", gold, pred, choose_ids)
                    label = f"{variant[0]}={variant[1]}" if variant else "current"
                    print(f"   choose (folds != {k}) {label}: {fmt(fig)}")
                    if (fig.get("e2e_F1") or 0) > best_f1:
                        best, best_f1 = variant, fig.get("e2e_F1") or 0
                test = results[best][1][k] or {"note": "empty fold"}
                label = f"{best[0]}={best[1]}" if best else "current"
                print(f"   chosen {label}; test fold {k}: {fmt(test)}")


if __name__ == "__main__":
    main()
