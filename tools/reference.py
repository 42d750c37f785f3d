#!/usr/bin/env python3
"""An independent, slow reading of docs/format.md, for cross-checking hsarchive.

Writes integrity.csv and audit.csv (file,line,status only) for the given archives, and through
reference_metrics.py the analytics CSVs and headline.csv, so that `diff` against hsarchive's report
shows any disagreement. Standard library only. Counts in UTC: compare with a UTC report.

    tools/reference.py --secret-file SECRETS --out DIR [--since T] [--until T] ARCHIVE...

T is an RFC 3339 time or a day YYYY-MM-DD (its midnight in UTC); the period is [since, until).
"""
import argparse, base64, binascii, csv, gzip, hashlib, hmac, io, json, os, re, sys, zlib
from datetime import datetime, timezone

STATUSES = ["verified", "duplicate", "forged", "unsigned", "malformed", "undecodable"]
SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
THREAD_EVENTS = {"convo.agent.reply.created", "convo.customer.reply.created", "convo.note.created"}
ENVELOPE_CONVO = {"convo.created", "convo.assigned", "convo.moved", "convo.status", "convo.tags"}
KNOWN = THREAD_EVENTS | ENVELOPE_CONVO | {"convo.deleted", "convo.merged", "customer.created", "customer.updated", "satisfaction.ratings"}
TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$")


def parse_time(value):
    if not isinstance(value, str):
        return None
    m = TIME.match(value)
    if not m:
        return None
    try:
        y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
        frac = m.group(7) or ""
        ms = int((frac[1:] + "000")[:3]) if frac else 0
        dt = datetime(y, mo, d, h, mi, min(s, 59), tzinfo=timezone.utc)
        off = m.group(8)
        seconds = dt.timestamp() + (1 if s == 60 else 0)
        if off and off not in "Zz":
            sign = -1 if off[0] == "-" else 1
            digits = off[1:].replace(":", "")
            oh, om = int(digits[:2]), int(digits[2:])
            if oh > 23 or om > 59:
                return None
            seconds -= sign * (oh * 3600 + om * 60)
        return int(seconds) * 1000 + ms
    except ValueError:
        return None


def depth(value, level=1):
    if isinstance(value, dict):
        return max([level] + [depth(v, level + 1) for v in value.values()])
    if isinstance(value, list):
        return max([level] + [depth(v, level + 1) for v in value])
    return level - 1 if level > 1 else 0


def strict_loads(data):
    def bad_constant(name):
        raise ValueError("not JSON: " + name)
    return json.loads(data, parse_constant=bad_constant)


def too_deep(text):
    """Whether JSON text nests deeper than 64, counted on the raw text (so it never recurses)."""
    level, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            level += 1
            if level > 64:
                return True
        elif ch in "]}":
            level -= 1
    return False


def int_id(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    return None


def header(headers, name):
    found = ("absent", None)
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, list):
                value = value[0] if value else None
            if value is None:
                found = ("absent", None)
            elif isinstance(value, str):
                found = ("value", value)
            else:
                found = ("bad", None)
    return found


def decode_body(raw, event_header, received_at):
    """Returns (status, event_type) where status is verified/undecodable/forged."""
    try:
        text = raw.decode("utf-8")
        if too_deep(text):
            return "undecodable", event_header
        body = strict_loads(text)
    except (UnicodeDecodeError, ValueError):
        return "undecodable", event_header
    if not isinstance(body, dict):
        return "undecodable", event_header
    if "eventType" in body and "object" in body:
        etype = body["eventType"]
        if not isinstance(etype, str) or not etype:
            return "undecodable", event_header
        if event_header is not None and event_header != etype:
            return "forged", event_header
        if parse_time(body.get("createdAt")) is None:
            return "undecodable", etype
        obj = body["object"] if isinstance(body["object"], dict) else {}
        if etype in THREAD_EVENTS or etype == "satisfaction.ratings":
            ok = int_id(obj.get("conversationId")) is not None
        elif etype in KNOWN:
            ok = int_id(obj.get("id")) is not None
        else:
            ok = True
        return ("verified" if ok else "undecodable"), etype
    if not event_header:
        return "undecodable", None
    etype = event_header
    times = []
    if etype == "satisfaction.ratings":
        # v1 ratings name the conversation ticketId
        ok = int_id(body.get("conversationId")) is not None or int_id(body.get("ticketId")) is not None
        times = [body.get(k) for k in ("createdAt", "modifiedAt", "ratedAt")]
    elif etype in ("customer.created", "customer.updated"):
        ok = int_id(body.get("id")) is not None
        times = [body.get(k) for k in ("createdAt", "updatedAt", "modifiedAt")]
    elif etype == "convo.deleted":
        ok = int_id(body.get("id")) is not None
    elif etype in KNOWN:
        ok = int_id(body.get("id")) is not None
        times = [body.get(k) for k in ("createdAt", "userUpdatedAt", "closedAt")]
        if "userUpdatedAt" not in body:  # v1 objects
            times += [body.get(k) for k in ("userModifiedAt", "modifiedAt")]
        threads = (body.get("_embedded") or {}).get("threads") if isinstance(body.get("_embedded"), dict) else None
        if not isinstance(threads, list):
            threads = body.get("threads") if isinstance(body.get("threads"), list) else []
        times += [t.get("createdAt") for t in threads if isinstance(t, dict)]
    else:
        ok = True
    if not ok:
        return "undecodable", etype
    parsed = [t for t in (parse_time(x) for x in times) if t is not None]
    if not parsed and received_at is None:
        return "undecodable", etype
    return "verified", etype


def classify(line, secrets):
    try:
        text = line.decode("utf-8")
        if too_deep(text):
            return "malformed", None, None
        delivery = strict_loads(text)
    except (UnicodeDecodeError, ValueError):
        return "malformed", None, None
    if not isinstance(delivery, dict):
        return "malformed", None, None
    headers, body = delivery.get("headers"), delivery.get("body")
    if not isinstance(headers, dict) or not isinstance(body, str):
        return "malformed", None, None
    try:
        if delivery.get("isBase64Encoded") is True:
            raw = base64.b64decode(body, validate=True)
        else:
            raw = body.encode("utf-8")
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return "malformed", None, None
    kind, event = header(headers, "x-helpscout-event")
    event = event.strip() if kind == "value" and event.strip() else None
    kind, signature = header(headers, "x-helpscout-signature")
    if kind == "absent":
        return "unsigned", event, None
    if kind == "bad":
        return "forged", event, None
    try:
        digest = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        return "forged", event, None
    if len(digest) != 20:
        return "forged", event, None
    if not any(hmac.compare_digest(hmac.new(s.encode(), raw, hashlib.sha1).digest(), digest) for s in secrets):
        return "forged", event, None
    received = parse_time(delivery.get("receivedAt"))
    status, etype = decode_body(raw, event, received)
    return status, etype, (etype, raw, received)


def archives(paths):
    for path in paths:
        if path == "-":
            yield "-"
        elif os.path.isdir(path):
            found = []
            for root, _, files in os.walk(path, followlinks=True):
                for name in files:
                    if name.endswith(SUFFIXES):
                        found.append(os.path.join(root, name))
            yield from sorted(found, key=lambda p: p.encode())
        else:
            yield path


def read_lines(path):
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        out, rest = [], data
        while rest:
            d = zlib.decompressobj(31)
            out.append(d.decompress(rest))
            if not d.eof:
                raise EOFError("cut short")
            rest = d.unused_data.lstrip(b"\x00")
        data = b"".join(out)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, 1):
        if line.endswith(b"\r"):
            line = line[:-1]
        yield number, line


def bound(text):
    """A period bound in epoch milliseconds: an RFC 3339 time, or a day meaning its UTC midnight."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        text += "T00:00:00Z"
    ms = parse_time(text)
    if ms is None:
        raise argparse.ArgumentTypeError("not a time or a day: %r" % text)
    return ms


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret-file", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--since", type=bound, help="period start: RFC 3339 or YYYY-MM-DD (UTC midnight)")
    parser.add_argument("--until", type=bound, help="period end, excluded: RFC 3339 or YYYY-MM-DD (UTC midnight)")
    parser.add_argument("archives", nargs="+")
    args = parser.parse_args()
    if args.since is not None and args.until is not None and args.since >= args.until:
        parser.error("--since must be before --until")
    secrets = [s.strip() for s in open(args.secret_file).read().splitlines() if s.strip()]
    counts = dict.fromkeys(STATUSES, 0)
    audit, seen, verified = [], set(), []
    for path in archives(args.archives):
        for number, line in read_lines(path):
            if not line.strip(b" \t\r"):
                continue
            status, _, key = classify(line, secrets)
            if status == "verified":
                if key[:2] in seen:
                    status = "duplicate"
                else:
                    verified.append((key[0], key[1], key[2], len(verified)))
                seen.add(key[:2])
            counts[status] += 1
            if status in ("forged", "unsigned", "malformed", "undecodable"):
                audit.append((path, number, status))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "integrity.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["status", "count"])
        for s in STATUSES:
            w.writerow([s, counts[s]])
        w.writerow(["total", sum(counts.values())])
    with open(os.path.join(args.out, "audit.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "line", "status"])
        w.writerows(audit)

    import reference_metrics
    reference_metrics.write(verified, args.out, args.since, args.until)


if __name__ == "__main__":
    main()
