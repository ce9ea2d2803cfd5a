#!/usr/bin/env bash
# The round trip a user makes, on the real broker: copydesk-feed produces the sample articles (Protobuf,
# JSON and text forms) and a broken record, copydesk-worker processes them, copydesk-tail reads back the
# enriched records as JSON and the dead letter; every sample id must come out and the broken record must be
# in the dead-letter topic with its reason.
#
# usage: feed_worker_tail_test.sh WORKER FEED TAIL SAMPLES_DIR   (KAFKA_BOOTSTRAP, default 127.0.0.1:19092)
set -euo pipefail
worker="$1" feed="$2" tail_bin="$3" samples="$4"
bootstrap="${KAFKA_BOOTSTRAP:-127.0.0.1:${COPYDESK_KAFKA_PORT:-19092}}"
suffix="$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
in="rt-in-$suffix" out="rt-out-$suffix" dlq="rt-dlq-$suffix"
work="$(mktemp -d)"
worker_pid=""
cleanup() {
  [[ -n "$worker_pid" ]] && kill -KILL "$worker_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "--- worker log" >&2; tail -n 30 "$work/worker.log" >&2 || true; exit 1; }

# Topics exist before anyone reads them (the broker auto-creates on produce, but tail refuses unknown ones).
"$feed" -b "$bootstrap" -t "$in" --quiet --format protobuf "$samples/articles.jsonl"
"$feed" -b "$bootstrap" -t "$in" --quiet --format json --key-field url "$samples/articles.jsonl"
"$feed" -b "$bootstrap" -t "$in" --quiet --format text "$samples/ferry.txt"
"$feed" -b "$bootstrap" -t "$in" --quiet --raw --content-type application/json "$samples/poison.jsonl" \
  || fail "feeding the broken record"

"$worker" run --bootstrap-servers "$bootstrap" --input-topic "$in" --output-topic "$out" \
  --dead-letter-topic "$dlq" --group-id "rt-$suffix" --set http.enabled=false --log-format json \
  >"$work/worker.log" 2>&1 &
worker_pid=$!

samples_count=$(grep -c . "$samples/articles.jsonl")
expected=$((2 * samples_count + 1))
for _ in $(seq 120); do
  n=$("$tail_bin" -b "$bootstrap" -t "$out" --format json 2>/dev/null | grep -c . || true)
  [[ "$n" -ge "$expected" ]] && break
  sleep 1
done
"$tail_bin" -b "$bootstrap" -t "$out" --format json >"$work/enriched.jsonl" || fail "tail of $out"
got=$(grep -c . "$work/enriched.jsonl" || true)
[[ "$got" -ge "$expected" ]] || fail "expected $expected enriched records, got $got"
while read -r id; do
  grep -q "\"id\":\"$id\"" "$work/enriched.jsonl" || fail "no enriched record for $id"
done < <(sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' "$samples/articles.jsonl")
grep -q '"id":"ferry"' "$work/enriched.jsonl" || fail "no enriched record for the text article"

"$tail_bin" -b "$bootstrap" -t "$out" --format text -n 1 >"$work/view.txt" || fail "text view"
[[ -s "$work/view.txt" ]] || fail "empty text view"

for _ in $(seq 30); do
  "$tail_bin" -b "$bootstrap" -t "$dlq" --format json >"$work/dead.jsonl" 2>/dev/null || true
  grep -q '"dead_letter":true' "$work/dead.jsonl" && break
  sleep 1
done
grep -q '"stage":"decode"' "$work/dead.jsonl" || fail "the broken record is not in $dlq"

kill -TERM "$worker_pid"
wait "$worker_pid" || fail "worker exited $?"
worker_pid=""
echo "feed -> worker -> tail: $got enriched records and the dead letter read back"
