#!/usr/bin/env python3
"""What a team would write without hsarchive: gzip + orjson + hmac, counting events by type and status.

    python_peer.py SECRETS_FILE ARCHIVE...
"""
import base64, collections, gzip, hashlib, hmac, sys

import orjson


def main():
    secrets = [s.strip().encode() for s in open(sys.argv[1]) if s.strip()]
    counts = collections.Counter()
    for path in sys.argv[2:]:
        with gzip.open(path, "rb") as archive:
            for line in archive:
                if not line.strip():
                    continue
                try:
                    delivery = orjson.loads(line)
                    headers = {k.lower(): (v[0] if isinstance(v, list) and v else v) for k, v in delivery["headers"].items()}
                    body = delivery["body"]
                    raw = base64.b64decode(body) if delivery.get("isBase64Encoded") else body.encode()
                except Exception:
                    counts[("malformed", None)] += 1
                    continue
                signature = headers.get("x-helpscout-signature")
                event = headers.get("x-helpscout-event")
                if signature is None:
                    counts[("unsigned", event)] += 1
                    continue
                expected = base64.b64decode(signature.strip() + "==")
                if not any(hmac.compare_digest(hmac.new(s, raw, hashlib.sha1).digest(), expected) for s in secrets):
                    counts[("forged", event)] += 1
                    continue
                try:
                    payload = orjson.loads(raw)
                    event = payload.get("eventType", event) if isinstance(payload, dict) else event
                    counts[("verified", event)] += 1
                except Exception:
                    counts[("undecodable", event)] += 1
    for (status, event), count in sorted(counts.items(), key=str):
        print(status, event, count)


if __name__ == "__main__":
    main()
