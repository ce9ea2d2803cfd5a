"""What every stage's cross-validation script (tests/stages/*/crossval.py) shares: folds by a hash of the
article id, the worker run over a set, and the scoring of one subset with `score compare`.

Folds come from SHA-1 of the id, so they are the same on every run and machine and independent of file
order. Python standard library only; the corpus texts go to temporary directories only.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys


def fold_of(article_id, folds):
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % folds


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def run_worker(cmd, articles):
    """Runs `cmd` (the worker's one-shot mode) on the articles; returns {id: output line}."""
    data = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles).encode("utf-8")
    proc = subprocess.run(cmd, shell=True, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        sys.exit(f"crossval: worker failed ({proc.returncode}): {proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    preds = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        if line.strip():
            preds.setdefault(json.loads(line).get("id"), line)
    return preds


def score_subset(score, tmp, name, articles, gold, preds, only=None):
    """Writes the subset as its own set dir and scores it with `score compare`; returns {task: figures}."""
    set_dir = os.path.join(tmp, name)
    os.makedirs(set_dir, exist_ok=True)
    write_jsonl(os.path.join(set_dir, "articles.jsonl"), articles)
    write_jsonl(os.path.join(set_dir, "gold.jsonl"), gold)
    predicted = os.path.join(tmp, name + ".predicted.jsonl")
    with open(predicted, "w", encoding="utf-8") as f:
        for g in gold:
            if g["id"] in preds:
                f.write(preds[g["id"]] + "\n")
    command = [score, "compare", "--json"] + (["--only", only] if only else []) + [set_dir, predicted]
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        sys.exit(f"crossval: score failed: {proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    report = json.loads(proc.stdout)
    if isinstance(report, list):
        report = report[0]
    if "sets" in report:
        report = report["sets"][0]
    return {task: r["figures"] for task, r in report["tasks"].items()}


def figure(result, task, key):
    v = result.get(task, {}).get(key)
    return v if isinstance(v, (int, float)) else None


def fmt(v):
    return "    -" if v is None else f"{v:.3f}"


def argument_parser(doc, default_sets):
    """The options every crossval script takes; each adds its own --sweep."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=default_sets)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cmd", default="build/release/worker/copydesk-worker process")
    parser.add_argument("--score", default="../shared/tools/score")
    parser.add_argument("--set-flag", default="--set", help="worker flag that sets one config key")
    parser.add_argument("--json", action="store_true")
    return parser
