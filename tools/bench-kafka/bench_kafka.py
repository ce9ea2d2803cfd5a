#!/usr/bin/env python3
"""tools/bench kafka: the worker beside a bare passthrough on the same broker (a benchmark, never a test).

What it measures, in this order (each part can be skipped):
  drain     a backlog of --records realistic articles drained, interleaved for --rounds rounds, by
            (a) the passthrough (copydesk-bench-kafka passthrough: consume -> produce with the worker's
            librdkafka settings and commit-after-delivery), (b) the worker with no stage (`stages.chain:
            none`), (c) the worker with `normalize` only, (d) the worker with the default chain. Per drain:
            articles/s and MB/s from the first record consumed to the last delivered, CPU seconds and peak RSS
            of the process; ratios to the same round's passthrough, min/median/max.
  latency   a fixed-rate producer (copydesk-bench-kafka rate) offers --rates articles/s for --rate-seconds
            to the passthrough and to the worker (default chain): p50/p99/max end to end (produce() -> the
            output record's arrival, one clock), after a warm-up that is not counted.
  memory    peak RSS of the worker (default chain) draining a backlog of --rss-records and of a tenth of it.
  growth    `copydesk-worker process` on one article of 10 KB ... 20 MB of text and a 5 MB HTML page: wall
            time and peak RSS.
Prints tables (or, with --json, one JSON object on stdout holding at least ratio_default_chain,
ratio_empty_chain, p99_ms_1000, peak_rss_mb_1m) and writes SVG plots with gnuplot into --plots.

Articles: the text articles of ../shared/corpus/*/dev between 1 and 20 KB when present (--generator forces
the generator), else articles this script writes itself (mixed lengths 1-20 KB, quotes, photo blocks with
credits, boilerplate lines; invented text).

Broker: KAFKA_BOOTSTRAP, else tools/kafka-local on port 19392 (started and stopped here). Every drain uses
its own consumer group and output topic, so rounds do not see each other's offsets or records.
"""
import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build", "release")
WORKER = os.path.join(BUILD, "worker", "copydesk-worker")
FEED = os.path.join(BUILD, "tools", "feed", "copydesk-feed")
BENCH = os.path.join(BUILD, "tools", "bench-kafka", "copydesk-bench-kafka")
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
TICK = os.sysconf("SC_CLK_TCK")
RUN = f"{os.getpid()}"
WORKER_SETTINGS = []  # --set key=value for every worker run (--worker-set)


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---- articles ---------------------------------------------------------------------------------------

NAMES = ["Marta Quell", "Idris Vane", "Lotte Brandvik", "Oskar Penhallow", "Nadia Ferrow", "Tomas Ekwueme",
         "Greta Solberg", "Hamid Corrin", "Ines Maravilla", "Pieter Dunmore"]
ROLES = ["the county's transport chief", "a spokeswoman for the ministry", "the union's regional secretary",
         "the club's head coach", "a senior economist at the bank", "the mayor"]
PLACES = ["Port Ellery", "Saltholm", "Kestrel Bay", "Northam", "Vell Harbour", "Ashby Cross"]
AGENCIES = ["Northwire", "Coastline Press", "Harbour Photo Agency", "Metro Images"]
TOPICS = ["the ferry timetable", "the new rail link", "water prices", "the school closures", "the harbour wall",
          "the budget for next year", "the festival's funding", "flood defences"]
BOILERPLATE = ["Advertisement", "Sign up for our morning newsletter", "Share this article", "Read more:",
               "Follow us on social media for the latest updates", "Copyright 2026. All rights reserved."]


def generated_article(rng, index):
    """One invented article, 1-20 KB: narrative, quotes, indirect speech, a photo block, boilerplate."""
    target = rng.randint(1000, 20000)
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    title = f"{place} council to review {topic} after months of complaints"
    paragraphs = [f"{place.upper()} (Northwire) - Councillors in {place} will review {topic} next month, "
                  f"officials said on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."]
    while sum(len(p) + 2 for p in paragraphs) < target:
        name, role = rng.choice(NAMES), rng.choice(ROLES)
        kind = rng.randrange(6)
        if kind == 0:
            paragraphs.append(f"\"We have listened to residents and we will act before the winter,\" said {name}, "
                              f"{role}. \"Nobody should wait an hour for a bus that never comes.\"")
        elif kind == 1:
            paragraphs.append(f"{name} told reporters that the plan for {topic} would cost about "
                              f"{rng.randint(2, 90)} million and take {rng.randint(2, 6)} years to finish.")
        elif kind == 2:
            paragraphs.append(f"{name} looks over the plans for {topic} at the town hall in {place} on "
                              f"Thursday.\nPhoto: {rng.choice(NAMES)}/{rng.choice(AGENCIES)}")
        elif kind == 3:
            paragraphs.append(rng.choice(BOILERPLATE))
        else:
            paragraphs.append(f"The review follows a report in {rng.randint(2019, 2025)} which found that "
                              f"{rng.randint(10, 60)} per cent of residents in {place} were unhappy with "
                              f"{topic}, and that complaints had doubled since the previous survey. According "
                              f"to {role}, the council has set aside money for a first phase of work.")
    return {"id": f"gen-{index}", "url": f"https://news.example/{index}", "title": title,
            "text": title + "\n\n" + "\n\n".join(paragraphs)}


def article_file(directory, use_generator, count=600):
    """A JSON-lines file of articles 1-20 KB, and where they came from."""
    rows = []
    if not use_generator:
        for name in sorted(os.listdir(CORPUS)) if os.path.isdir(CORPUS) else []:
            path = os.path.join(CORPUS, name, "dev", "articles.jsonl")
            if not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    text = row.get("text") or ""
                    if 1000 <= len(text.encode()) <= 20000:
                        rows.append({k: row[k] for k in ("id", "url", "title", "text", "source") if k in row})
    source = "../shared/corpus dev texts (1-20 KB)"
    if len(rows) < 50:
        rng = random.Random(42)
        rows = [generated_article(rng, i) for i in range(count)]
        source = "generated articles (1-20 KB)"
    path = os.path.join(directory, "articles.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    mean = statistics.mean(len(json.dumps(r).encode()) for r in rows)
    return path, source, len(rows), mean


# ---- processes ----------------------------------------------------------------------------------------

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Broker:
    def __init__(self):
        self.external = os.environ.get("KAFKA_BOOTSTRAP")
        self.port = "19392"
        if self.external:
            self.bootstrap = self.external
        else:
            out = subprocess.run([os.path.join(ROOT, "tools", "kafka-local"), "--port", self.port, "start"],
                                 check=True, capture_output=True, text=True).stdout
            self.bootstrap = out.strip().splitlines()[-1]

    def close(self):
        if not self.external:
            subprocess.run([os.path.join(ROOT, "tools", "kafka-local"), "--port", self.port, "stop"],
                           capture_output=True)

    def create_topic(self, topic, partitions):
        subprocess.run([BENCH, "-b", self.bootstrap, "create-topic", topic, "-p", str(partitions)], check=True)

    def load(self, topic, partitions, articles, records):
        self.create_topic(topic, partitions)
        lines = sum(1 for _ in open(articles))
        subprocess.run([FEED, "-q", "-b", self.bootstrap, "-t", topic, "--repeat", str(-(-records // lines)),
                        "--limit", str(records), "--key-field", "url", articles], check=True)


class Worker:
    """copydesk-worker run, watched through its /metrics."""

    def __init__(self, broker, input_topic, output_topic, group, chain, logdir):
        self.log_path = os.path.join(logdir, f"{group}.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [WORKER, "run", "--bootstrap-servers", broker.bootstrap, "--input-topic", input_topic,
             "--output-topic", output_topic, "--dead-letter-topic", f"bench-dlq-{RUN}", "--group-id", group,
             "--stages", chain, "--log-format", "json", "--set", "http.port=0"] + WORKER_SETTINGS,
            stderr=self.log, stdout=subprocess.DEVNULL)
        self.url = None
        deadline = time.monotonic() + 30
        while self.url is None:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"worker did not start; see {self.log_path}")
            with open(self.log_path) as f:
                match = re.search(r"http://127\.0\.0\.1:\d+", f.read())
            self.url = match.group(0) if match else None
            time.sleep(0.05)

    def metrics(self):
        text = urllib.request.urlopen(self.url + "/metrics", timeout=5).read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#") and " " in line:
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        return values

    def hops(self):
        """Per hop of copydesk_record_wait_seconds: mean and the p99 bucket's upper bound, in ms."""
        metrics, out = self.metrics(), {}
        for hop in ("fetch", "queue", "process", "deliver"):
            count = metrics.get(f'copydesk_record_wait_seconds_count{{hop="{hop}"}}', 0)
            if not count:
                continue
            buckets = sorted((float(m.group(1)) if m.group(1) != "+Inf" else float("inf"), v)
                             for name, v in metrics.items()
                             for m in [re.fullmatch(rf'copydesk_record_wait_seconds_bucket\{{hop="{hop}",le="([^"]+)"\}}', name)]
                             if m)
            p99 = next((le for le, cumulative in buckets if cumulative >= 0.99 * count), float("inf"))
            out[hop] = {"mean_ms": metrics[f'copydesk_record_wait_seconds_sum{{hop="{hop}"}}'] / count * 1e3,
                        "p99_bucket_ms": p99 * 1e3}
        return out

    def stage_seconds(self):
        """CPU-bound time per stage (the stages' own clocks), for the split of the chain's cost."""
        split = {}
        for name, value in self.metrics().items():
            match = re.fullmatch(r'copydesk_stage_duration_seconds_sum\{stage="([^"]+)"\}', name)
            if match:
                split[match.group(1)] = value
        return split

    def ready(self):
        try:
            return urllib.request.urlopen(self.url + "/readyz", timeout=5).status == 200
        except Exception:
            return False

    def drain(self, records):
        first = None
        while True:
            m = self.metrics()
            now = time.monotonic()
            if first is None and m.get("copydesk_records_consumed_total", 0) > 0:
                first = now
            done = m.get("copydesk_records_produced_total", 0) + m.get("copydesk_records_dead_lettered_total", 0)
            if done >= records:
                return first or now, now, m.get("copydesk_records_dead_lettered_total", 0)
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited; see {self.log_path}")
            time.sleep(0.02)

    def stop(self):
        stop(self.process)
        self.log.close()


class Passthrough:
    def __init__(self, broker, input_topic, output_topic, group, records):
        self.process = subprocess.Popen(
            [BENCH, "-b", broker.bootstrap, "passthrough", "--input", input_topic, "--output", output_topic,
             "--group", group, "--records", str(records)], stdout=subprocess.PIPE, text=True)

    def wait_for(self, word):
        for line in self.process.stdout:
            if line.startswith(word):
                return time.monotonic(), line
        raise RuntimeError("passthrough ended early")

    def stop(self):
        stop(self.process)


MODES = {"passthrough": None, "none": "none", "normalize": "normalize", "default": "clean,captions,attribution"}


def drain_once(broker, mode, round_index, topic, records, partitions, payload_mb, logdir):
    group = f"bench-{mode}-{round_index}-{RUN}"
    output = f"bench-out-{mode}-{round_index}-{RUN}"
    broker.create_topic(output, partitions)
    start = time.monotonic()
    if mode == "passthrough":
        p = Passthrough(broker, topic, output, group, records)
        first, _ = p.wait_for("first")
        end, line = p.wait_for("done")
        cpu, rss = cpu_seconds(p.process.pid), peak_rss_mb(p.process.pid)
        p.stop()
        dead = 0
    else:
        w = Worker(broker, topic, output, group, MODES[mode], logdir)
        first, end, dead = w.drain(records)
        cpu, rss = cpu_seconds(w.process.pid), peak_rss_mb(w.process.pid)
        stage_split = w.stage_seconds()
        w.stop()
    seconds = end - first
    if mode == "passthrough":
        stage_split = {}
    result = {"stage_us_per_article": {k: v / records * 1e6 for k, v in stage_split.items()},"mode": mode, "round": round_index, "seconds": seconds, "articles_per_s": records / seconds,
              "mb_per_s": payload_mb / seconds, "cpu_s": cpu, "cpu_us_per_article": cpu / records * 1e6,
              "peak_rss_mb": rss, "dead_lettered": dead, "wall_s": end - start}
    log(f"  {mode:<11} round {round_index}: {result['articles_per_s']:8.0f} articles/s "
        f"{result['mb_per_s']:6.1f} MB/s  cpu {cpu:6.1f} s ({result['cpu_us_per_article']:.0f} us/article)  "
        f"rss {rss:.0f} MB" + "".join(f"  {k} {v:.0f} us" for k, v in result["stage_us_per_article"].items()))
    return result


def spread(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def bench_drain(broker, args, articles, mean_bytes, logdir):
    topic = f"bench-in-{RUN}"
    log(f"drain: loading {args.records} articles into {topic} ({args.partitions} partitions)")
    broker.load(topic, args.partitions, articles, args.records)
    payload_mb = args.records * mean_bytes / 1e6
    modes = args.modes.split(",")
    runs = []
    for round_index in range(1, args.rounds + 1):
        for mode in modes:
            runs.append(drain_once(broker, mode, round_index, topic, args.records, args.partitions, payload_mb,
                                   logdir))
    summary = {}
    for mode in modes:
        mine = [r for r in runs if r["mode"] == mode]
        entry = {key: spread([r[key] for r in mine])
                 for key in ("articles_per_s", "mb_per_s", "cpu_s", "cpu_us_per_article", "peak_rss_mb")}
        if "passthrough" in modes and mode != "passthrough":
            ratios = []
            for r in mine:
                base = next(b for b in runs if b["mode"] == "passthrough" and b["round"] == r["round"])
                ratios.append(r["articles_per_s"] / base["articles_per_s"])
            entry["ratio"] = spread(ratios)
        stages = sorted({k for r in mine for k in r["stage_us_per_article"]})
        entry["stage_us_per_article"] = {k: statistics.median(r["stage_us_per_article"].get(k, 0) for r in mine)
                                         for k in stages}
        summary[mode] = entry
    return {"records": args.records, "mean_record_bytes": mean_bytes, "runs": runs, "summary": summary}


def bench_latency(broker, args, articles, logdir):
    results = []
    for rate in [float(r) for r in args.rates.split(",")]:
        for system in ("passthrough", "default"):
            tag = f"{system}-{int(rate)}-{RUN}"
            topic, output = f"bench-lat-in-{tag}", f"bench-lat-out-{tag}"
            broker.create_topic(topic, args.partitions)
            broker.create_topic(output, args.partitions)
            if system == "passthrough":
                runner = Passthrough(broker, topic, output, f"bench-lat-{tag}", 0)
                runner.wait_for("assigned")
            else:
                runner = Worker(broker, topic, output, f"bench-lat-{tag}", MODES["default"], logdir)
                deadline = time.monotonic() + 60
                while not runner.ready() and time.monotonic() < deadline:
                    time.sleep(0.1)
            out = subprocess.run([BENCH, "-b", broker.bootstrap, "rate", "--input", topic, "--output", output,
                                  "--articles", articles, "--rate", str(rate), "--seconds", str(args.rate_seconds),
                                  "--run-id", tag], capture_output=True, text=True)
            hops = runner.hops() if system != "passthrough" else {}
            runner.stop()
            if not out.stdout.strip():
                raise RuntimeError(f"rate probe failed: {out.stderr}")
            row = json.loads(out.stdout)
            row["system"] = system
            row["hops"] = hops
            results.append(row)
            log(f"  {system:<11} {rate:6.0f}/s: p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms  "
                f"max {row['max_ms']:7.1f} ms  missing {row['missing']}" +
                "".join(f"  {h} {v['mean_ms']:.1f}/<={v['p99_bucket_ms']:.0f}" for h, v in hops.items()))
    return results


def bench_memory(broker, args, articles, logdir):
    results = []
    for records in (args.rss_records // 10, args.rss_records):
        topic = f"bench-rss-in-{records}-{RUN}"
        log(f"memory: loading {records} articles")
        broker.load(topic, args.partitions, articles, records)
        output = f"bench-rss-out-{records}-{RUN}"
        broker.create_topic(output, args.partitions)
        w = Worker(broker, topic, output, f"bench-rss-{records}-{RUN}", MODES["default"], logdir)
        first, end, _ = w.drain(records)
        rss = peak_rss_mb(w.process.pid)
        w.stop()
        results.append({"records": records, "peak_rss_mb": rss, "articles_per_s": records / (end - first)})
        log(f"  {records:>8} articles: peak RSS {rss:.0f} MB, {records / (end - first):.0f} articles/s")
    return results


def bench_growth(args, workdir):
    sizes_kb = [10, 100, 1000, 5000, 10000, 20000]
    rng = random.Random(7)
    body = []
    while sum(len(p) for p in body) < 21_000_000:
        body.append(generated_article(rng, len(body))["text"])
    text = "\n\n".join(body)
    cases = [("text", kb, text[: kb * 1000]) for kb in sizes_kb]
    paragraphs = text[:5_000_000].split("\n\n")
    html = ("<html><head><title>Growth page</title></head><body><nav><a href='/'>Home</a></nav><article>" +
            "".join(f"<p>{p}</p>" for p in paragraphs) + "</article><footer>Footer</footer></body></html>")
    cases.append(("html", len(html) // 1000, html))
    results = []
    for kind, kb, content in cases:
        path = os.path.join(workdir, f"growth-{kind}-{kb}.jsonl")
        with open(path, "w") as f:
            f.write(json.dumps({"id": f"growth-{kind}-{kb}", kind: content}) + "\n")
        # GNU time measures the worker alone: a child forked from this process would count the parent's
        # pages (the generated text) in its own peak RSS until exec.
        out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", WORKER, "process", "-i", path, "-o", os.devnull,
                              "--log-level", "warn"], capture_output=True, text=True)
        wall, user, system, rss_kb = out.stderr.strip().splitlines()[-1].split()
        results.append({"kind": kind, "kb": kb, "seconds": float(wall), "cpu_s": float(user) + float(system),
                        "peak_rss_mb": int(rss_kb) / 1024, "exit": out.returncode})
        log(f"  {kind:<4} {kb:>6} KB: {float(wall):6.2f} s wall, {float(user) + float(system):6.2f} s CPU, "
            f"peak RSS {int(rss_kb) / 1024:.0f} MB")
    return results


# ---- report -------------------------------------------------------------------------------------------

def gnuplot(script):
    if shutil.which("gnuplot") is None:
        log("gnuplot is missing (tools/setup installs gnuplot-nox); no plots written")
        return
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def plots(report, directory):
    os.makedirs(directory, exist_ok=True)
    data = tempfile.mkdtemp()
    if report.get("latency"):
        for system in ("passthrough", "default"):
            with open(os.path.join(data, f"lat-{system}.dat"), "w") as f:
                for row in report["latency"]:
                    if row["system"] == system:
                        f.write(f"{row['rate']} {row['p50_ms']} {row['p99_ms']} {row['max_ms']}\n")
        gnuplot(f"""set terminal svg size 720,420 font 'sans,11'
set output '{directory}/latency.svg'
set title 'End-to-end latency vs offered load (loopback broker)'
set xlabel 'offered load, articles/s'; set ylabel 'latency, ms'; set logscale y; set key left top
set grid
plot '{data}/lat-passthrough.dat' u 1:2 w lp t 'passthrough p50', '' u 1:3 w lp t 'passthrough p99', \\
     '{data}/lat-default.dat' u 1:2 w lp t 'worker p50', '' u 1:3 w lp t 'worker p99'
""")
    if report.get("drain"):
        summary = report["drain"]["summary"]
        with open(os.path.join(data, "drain.dat"), "w") as f:
            for i, (mode, entry) in enumerate(summary.items()):
                a = entry["articles_per_s"]
                f.write(f"{i} \"{mode}\" {a['median']} {a['min']} {a['max']}\n")
        gnuplot(f"""set terminal svg size 720,420 font 'sans,11'
set output '{directory}/throughput.svg'
set title 'Draining a backlog: articles/s (median, min-max of the rounds)'
set ylabel 'articles/s'; set style fill solid 0.5; set boxwidth 0.6; set grid ytics; set yrange [0:*]
plot '{data}/drain.dat' u 1:3:xtic(2) w boxes notitle, '' u 1:3:4:5 w yerrorbars notitle
""")
    if report.get("growth"):
        with open(os.path.join(data, "growth.dat"), "w") as f:
            for row in report["growth"]:
                if row["kind"] == "text":
                    f.write(f"{row['kb'] / 1000} {row['cpu_s']} {row['peak_rss_mb']}\n")
        gnuplot(f"""set terminal svg size 720,420 font 'sans,11'
set output '{directory}/growth.svg'
set title 'One article through `process`: time and peak RSS vs size'
set xlabel 'article size, MB'; set ylabel 'CPU seconds'; set y2label 'peak RSS, MB'; set ytics nomirror
set y2tics; set grid; set key left top
plot '{data}/growth.dat' u 1:2 w lp t 'CPU time' axes x1y1, '' u 1:3 w lp t 'peak RSS' axes x1y2
""")
    shutil.rmtree(data)


def headline(report):
    out = {}
    drain = report.get("drain", {}).get("summary", {})
    if "ratio" in drain.get("default", {}):
        out["ratio_default_chain"] = drain["default"]["ratio"]["median"]
    if "ratio" in drain.get("none", {}):
        out["ratio_empty_chain"] = drain["none"]["ratio"]["median"]
    for row in report.get("latency", []):
        if row["system"] == "default" and row["rate"] == 1000:
            out["p99_ms_1000"] = row["p99_ms"]
    for row in report.get("memory", []):
        if row["records"] == max(r["records"] for r in report["memory"]):
            out["peak_rss_mb_1m"] = row["peak_rss_mb"]
    return out


def print_tables(report):
    drain = report.get("drain")
    if drain:
        print(f"\nDrain of {drain['records']} articles (mean record {drain['mean_record_bytes']:.0f} B), "
              f"median [min-max] of the rounds")
        print(f"{'mode':<12}{'articles/s':>28}{'MB/s':>10}{'CPU us/article':>16}{'RSS MB':>8}{'ratio':>22}")
        for mode, e in drain["summary"].items():
            a, ratio = e["articles_per_s"], e.get("ratio")
            ratio_text = f"{ratio['median']:.2f} [{ratio['min']:.2f}-{ratio['max']:.2f}]" if ratio else "1"
            print(f"{mode:<12}{a['median']:>10.0f} [{a['min']:.0f}-{a['max']:.0f}]".ljust(40) +
                  f"{e['mb_per_s']['median']:>10.1f}{e['cpu_us_per_article']['median']:>16.0f}"
                  f"{e['peak_rss_mb']['median']:>8.0f}{ratio_text:>22}")
        for mode, e in drain["summary"].items():
            if e["stage_us_per_article"]:
                split = ", ".join(f"{k} {v:.0f}" for k, v in e["stage_us_per_article"].items())
                print(f"  {mode}: stage time per article (us, the stages' own clocks): {split}")
    if report.get("latency"):
        print("\nFixed rate, end to end (ms)")
        print(f"{'system':<12}{'rate/s':>8}{'p50':>9}{'p90':>9}{'p99':>9}{'max':>9}{'missing':>9}")
        for r in report["latency"]:
            print(f"{r['system']:<12}{r['rate']:>8.0f}{r['p50_ms']:>9.1f}{r['p90_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                  f"{r['max_ms']:>9.1f}{r['missing']:>9}")
            if r["hops"]:
                print("      hops (mean ms / p99 bucket ms): " +
                      ", ".join(f"{h} {v['mean_ms']:.2f}/{v['p99_bucket_ms']:g}" for h, v in r["hops"].items()))
    if report.get("memory"):
        print("\nPeak RSS, worker (default chain) draining a backlog")
        for r in report["memory"]:
            print(f"{r['records']:>10} articles: {r['peak_rss_mb']:.0f} MB")
    if report.get("growth"):
        print("\nOne article through `process`")
        for r in report["growth"]:
            print(f"{r['kind']:<5}{r['kb']:>8} KB {r['seconds']:>8.2f} s wall {r['cpu_s']:>8.2f} s CPU "
                  f"{r['peak_rss_mb']:>8.0f} MB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=200000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--modes", default="passthrough,none,normalize,default")
    parser.add_argument("--rates", default="250,500,1000,2000")
    parser.add_argument("--rate-seconds", type=float, default=30)
    parser.add_argument("--rss-records", type=int, default=1000000)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: drain,latency,memory,growth")
    parser.add_argument("--generator", action="store_true", help="invented articles even if the corpus is here")
    parser.add_argument("--plots", default=os.path.join(ROOT, "docs", "performance"))
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout instead of tables")
    parser.add_argument("--worker-set", action="append", default=[], metavar="KEY=VALUE",
                        help="configuration for every worker run, e.g. worker.max_in_flight_records=5000")
    args = parser.parse_args()
    for assignment in args.worker_set:
        WORKER_SETTINGS.extend(["--set", assignment])
    skip = set(filter(None, args.skip.split(",")))

    subprocess.run(["cmake", "--preset", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "--preset", "release", "--target", "copydesk-worker", "copydesk-feed",
                    "copydesk-bench-kafka"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    workdir = tempfile.mkdtemp(prefix="copydesk-bench-")
    articles, source, count, mean = article_file(workdir, args.generator)
    log(f"articles: {count} {source}, mean record {mean:.0f} B")
    report = {"articles": {"source": source, "distinct": count, "mean_bytes": mean}, "cores": os.cpu_count(),
              "worker_settings": args.worker_set}
    broker = None
    try:
        if not {"drain", "latency", "memory"} <= skip:
            broker = Broker()
            log(f"broker: {broker.bootstrap}")
        if "drain" not in skip:
            report["drain"] = bench_drain(broker, args, articles, mean, workdir)
        if "latency" not in skip:
            report["latency"] = bench_latency(broker, args, articles, workdir)
        if "memory" not in skip:
            report["memory"] = bench_memory(broker, args, articles, workdir)
        if "growth" not in skip:
            report["growth"] = bench_growth(args, workdir)
    finally:
        if broker:
            broker.close()
    report.update(headline(report))
    plots(report, args.plots)
    if args.json:
        print(json.dumps(report))
    else:
        print_tables(report)
        print("\n" + json.dumps(headline(report)))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
