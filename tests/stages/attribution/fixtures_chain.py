#!/usr/bin/env python3
"""Runs the speaker fixtures (speaker_fixtures.txt) through the whole worker chain (clean -> captions ->
attribution), as the unseen wire articles are scored, and reports the scorer's resolved rule on them:
speaker.name equals or ends with the expected canonical name (case-insensitive), plus how many expected
contents were found at all and how many forbidden contents were emitted.

Usage: fixtures_chain.py [--worker CMD] [--file FIXTURES] [-v]
The unit test (speaker_fixtures_test.cc) checks the attribution stage alone and more strictly (mention
and kind too); this is the end-to-end view. Standard library only.
"""
import argparse
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def load(path):
    fixtures = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if line.startswith("== "):
                fixtures.append({"id": line[3:].split(" ")[0], "paragraphs": [], "expect": [], "forbid": []})
            elif not fixtures:
                continue
            elif line.startswith("@ "):
                fragment, rest = line[2:].split(" => ", 1)
                name, mention, kind = [x.strip() for x in rest.split(" | ")]
                fixtures[-1]["expect"].append((fragment.strip(), name, mention, kind))
            elif line.startswith("! "):
                fixtures[-1]["forbid"].append(line[2:].strip())
            elif line.startswith("~ "):
                pass
            else:
                fixtures[-1]["paragraphs"].append(line)
    return fixtures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker", default="build/release/worker/copydesk-worker process")
    ap.add_argument("--file", default=os.path.join(HERE, "speaker_fixtures.txt"),
                    help="a fixture file in the same format (default: the unit test's)")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    fixtures = load(args.file)
    # Wire copy as a crawler gives it: a headline line, then paragraphs separated by blank lines.
    lines = [json.dumps({"id": f["id"], "text": "Headline for " + f["id"] + "\n\n" + "\n\n".join(f["paragraphs"])})
             for f in fixtures]
    out = subprocess.run(args.worker, shell=True, input="\n".join(lines) + "\n", capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    predicted = {d["id"]: d for d in map(json.loads, out.splitlines())}
    total = found = resolved = forbidden_total = forbidden_hit = 0
    for f in fixtures:
        quotes = predicted.get(f["id"], {}).get("quotes", [])
        for fragment, name, _mention, _kind in f["expect"]:
            total += 1
            q = next((q for q in quotes if fragment in q.get("text", "")), None)
            if q is None:
                if args.v:
                    print(f"{f['id']}: no quote holds {fragment!r}")
                continue
            found += 1
            got = " ".join(q.get("speaker", {}).get("name", "").lower().split())
            want = " ".join(name.lower().split())
            if got == want or got.endswith(" " + want):
                resolved += 1
            elif args.v:
                print(f"{f['id']}: {fragment!r}: name {got!r}, want {want!r}")
        for fragment in f["forbid"]:
            forbidden_total += 1
            if any(fragment in q.get("text", "") for q in quotes):
                forbidden_hit += 1
    print(f"fixtures through the worker: {len(fixtures)} articles, {total} expected speakers; content found "
          f"{found}/{total}; resolved {resolved}/{found} ({resolved / max(1, found):.3f}); forbidden content "
          f"emitted {forbidden_hit}/{forbidden_total}")


if __name__ == "__main__":
    main()
