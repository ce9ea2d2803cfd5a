#!/usr/bin/python3
"""Another service, in another language, consumes what copydesk publishes.

Generates Python classes from proto/ with protoc (as a Python service would), produces RawArticle
records with them, runs copydesk-worker against the real broker, and reads the EnrichedArticle records
back with confluent-kafka, checking keys, headers and fields. Uses Debian's python3-confluent-kafka and
python3-protobuf (tools/setup installs them).

usage: python_consumer_test.py WORKER_BINARY PROTO_DIR   (KAFKA_BOOTSTRAP, default 127.0.0.1:19092)
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid


def main():
    worker, proto_dir = sys.argv[1], sys.argv[2]
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP") or "127.0.0.1:" + os.environ.get("COPYDESK_KAFKA_PORT", "19092")
    gen = tempfile.mkdtemp(prefix="copydesk-py-")
    subprocess.run(["protoc", "--python_out=" + gen, "-I", proto_dir,
                    "copydesk/v1/raw_article.proto", "copydesk/v1/enriched_article.proto"], check=True)
    sys.path.insert(0, gen)
    from copydesk.v1 import enriched_article_pb2, raw_article_pb2  # noqa: E402 (generated just above)
    from confluent_kafka import Consumer, Producer, TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic

    suffix = uuid.uuid4().hex[:12]
    topics = {"in": "py-in-" + suffix, "out": "py-out-" + suffix, "dlq": "py-dlq-" + suffix}
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic(t, 2, 1) for t in topics.values()]).values():
        future.result(30)

    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True})
    sent = {}
    for i in range(20):
        article = raw_article_pb2.RawArticle(
            id="py-%d" % i, url="https://example.test/py/%d" % i, source="Example Courier",
            title="Lighthouse keeper retires after %d years" % (30 + i),
            text="The keeper climbed the stairs one last time.\n\nVisitors lined the harbour wall.",
            language="en")
        article.metadata["section"] = "coast"
        sent[article.id] = article
        producer.produce(topics["in"], key=article.id, value=article.SerializeToString(),
                         headers=[("content-type", b"application/x-protobuf"), ("trace-id", article.id.encode())])
    assert producer.flush(30) == 0, "inputs not delivered"

    log = open(os.path.join(gen, "worker.log"), "wb")
    proc = subprocess.Popen([worker, "run", "--bootstrap-servers", bootstrap, "--input-topic", topics["in"],
                             "--output-topic", topics["out"], "--dead-letter-topic", topics["dlq"],
                             "--group-id", "py-group-" + suffix, "--set", "http.enabled=false",
                             "--log-format", "json"], stdout=log, stderr=log)
    try:
        consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "py-reader-" + suffix,
                             "auto.offset.reset": "earliest", "enable.auto.commit": False})
        consumer.assign([TopicPartition(topics["out"], p, 0) for p in range(2)])
        received = {}
        deadline = time.time() + 120
        while len(received) < len(sent) and time.time() < deadline:
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            headers = dict(message.headers() or [])
            assert headers.get("content-type") == b"application/x-protobuf", headers
            assert headers.get("copydesk.schema") == b"copydesk.v1.EnrichedArticle", headers
            enriched = enriched_article_pb2.EnrichedArticle()
            enriched.ParseFromString(message.value())
            assert message.key().decode() == enriched.id, (message.key(), enriched.id)
            assert headers.get("trace-id") == enriched.id.encode(), "input headers are propagated"
            received[enriched.id] = enriched
        consumer.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(60)
    assert code == 0, "worker exited %d" % code
    assert set(received) == set(sent), "missing: %s" % sorted(set(sent) - set(received))
    for article_id, enriched in received.items():
        raw = sent[article_id]
        assert enriched.title == raw.title, (enriched.title, raw.title)
        assert enriched.url == raw.url and enriched.source == raw.source and enriched.language == "en"
        assert enriched.metadata["section"] == "coast"
        bodies = [p.text for p in enriched.paragraphs]
        assert "The keeper climbed the stairs one last time." in bodies, bodies
        assert enriched.provenance.input_topic == topics["in"]
        assert enriched.provenance.worker_version
        assert len(enriched.provenance.stages) >= 1
    print("python consumer: %d EnrichedArticle records read and checked" % len(received))


if __name__ == "__main__":
    main()
