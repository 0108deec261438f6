"""Produces document events to Spork's documents topic with librdkafka (confluent-kafka), the way
a non-Java application would, and waits for every delivery report.

usage: produce_events.py BOOTSTRAP TOPIC EVENTS_FILE

EVENTS_FILE holds one event per line as JSON: {"key": "doc id or null", "value": "the record
value as a string, or null for a tombstone"}. Values are sent as their UTF-8 bytes, unchanged, so
malformed events reach the broker exactly as written. Prints one JSON line per delivered record.
"""
import json
import sys

from confluent_kafka import Producer


def main():
    bootstrap, topic, events_file = sys.argv[1:4]
    producer = Producer({
        "bootstrap.servers": bootstrap,
        "acks": "all",
        "enable.idempotence": True,
        # Murmur2 like the Java clients, so a key lands on the partition Spork's own producer picks.
        "partitioner": "murmur2_random",
    })
    failures = []

    def report(err, msg):
        if err is not None:
            failures.append(str(err))
        else:
            print(json.dumps({"key": msg.key().decode() if msg.key() else None,
                              "partition": msg.partition(), "offset": msg.offset()}))

    with open(events_file, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            event = json.loads(line)
            key = event["key"].encode() if event["key"] is not None else None
            value = event["value"].encode() if event["value"] is not None else None
            producer.produce(topic, key=key, value=value, on_delivery=report)
            producer.poll(0)
    remaining = producer.flush(30)
    if remaining or failures:
        print(f"not delivered: {remaining} pending, errors: {failures}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
