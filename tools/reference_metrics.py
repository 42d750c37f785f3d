"""docs/metrics.md, read independently: events into facts, facts into the report's CSVs.

Each verified event is (event_type, raw_body, received_at_ms, sequence); sequence is archive order.
"""
import csv, json, math, os
from fractions import Fraction
from collections import defaultdict
from datetime import datetime, timezone

from reference import parse_time

ENVELOPE_SNAPSHOTS = {"convo.created", "convo.assigned", "convo.moved", "convo.status", "convo.tags"}
BARE_SNAPSHOTS = {"convo.agent.reply.created", "convo.assigned", "convo.created", "convo.customer.reply.created",
                  "convo.merged", "convo.moved", "convo.note.created", "convo.status", "convo.tags"}
THREAD_KIND = {"convo.agent.reply.created": "agent", "convo.customer.reply.created": "customer", "convo.note.created": "note"}
KNOWN_TYPES = BARE_SNAPSHOTS | set(THREAD_KIND) | {"convo.deleted", "customer.created", "customer.updated",
                                                   "satisfaction.ratings"}


def newer_conversation(etype, obj):
    """A convo.* type added later whose body or object is a conversation with an integer id."""
    return etype.startswith("convo.") and len(etype) > 6 and etype not in KNOWN_TYPES and ident(obj.get("id")) is not None


def ident(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.lstrip("-").isdigit():
        return int(v)
    return None


def day(ms):
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%d")


def week(ms):
    y, w, _ = datetime.fromtimestamp(ms / 1000, timezone.utc).isocalendar()
    return "%04d-W%02d" % (y, w)


def threads_of(conv):
    emb = conv.get("_embedded")
    if isinstance(emb, dict) and isinstance(emb.get("threads"), list):
        return emb["threads"]
    return conv["threads"] if isinstance(conv.get("threads"), list) else []


def kind_of(thread):
    t = thread.get("type")
    t = t.lower() if isinstance(t, str) else None
    if t == "customer":
        return "customer"
    if t in ("message", "reply"):
        return "agent"
    if t in ("chat", "phone", "beaconchat"):
        by = thread.get("createdBy") if isinstance(thread.get("createdBy"), dict) else {}
        bt = by.get("type").lower() if isinstance(by.get("type"), str) else None
        return {"customer": "customer", "user": "agent"}.get(bt, "other")
    return "note" if t == "note" else "other"


def author(thread):
    by = thread.get("createdBy")
    return ident(by.get("id")) if isinstance(by, dict) else None


def mailbox_of(conv):
    m = ident(conv.get("mailboxId"))
    if m is None and isinstance(conv.get("mailbox"), dict):
        m = ident(conv["mailbox"].get("id"))
    return m


def assignee_of(conv):
    a = conv.get("assignee")
    if a is None:
        a = conv.get("owner")
    return ident(a.get("id")) if isinstance(a, dict) else None


def tag_set(conv):
    tags = conv.get("tags")
    if not isinstance(tags, list):
        return None
    out = set()
    for t in tags:
        name = t if isinstance(t, str) else (t.get("tag") if isinstance(t, dict) else None)
        if isinstance(name, str) and name.strip():
            out.add(name.strip().lower())
    return out


def event_time(etype, body, received, envelope):
    if envelope:
        return parse_time(body.get("createdAt"))
    if etype in BARE_SNAPSHOTS or newer_conversation(etype, body):
        keys = [body.get(k) for k in ("createdAt", "userUpdatedAt", "closedAt")]
        if "userUpdatedAt" not in body:  # v1 objects
            keys += [body.get(k) for k in ("userModifiedAt", "modifiedAt")]
        keys += [t.get("createdAt") for t in threads_of(body) if isinstance(t, dict)]
    elif etype in ("customer.created", "customer.updated"):
        keys = [body.get(k) for k in ("createdAt", "updatedAt", "modifiedAt")]
    elif etype == "satisfaction.ratings":
        keys = [body.get(k) for k in ("createdAt", "modifiedAt", "ratedAt")]
    else:
        keys = []
    times = [t for t in map(parse_time, keys) if t is not None]
    return max(times) if times else received


def score(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return {1: "great", 2: "okay", 3: "not_good"}.get(v)
    if isinstance(v, str):
        v = v.strip().lower()
        return {"great": "great", "okay": "okay", "ok": "okay", "not good": "not_good", "not_good": "not_good",
                "bad": "not_good", "1": "great", "2": "okay", "3": "not_good"}.get(v)
    return None


def nearest(sorted_values, p):
    return sorted_values[max(1, math.ceil(p / 100 * len(sorted_values))) - 1]


def fmt(value, places):
    """Exact decimal with `places` digits, halves away from zero (docs/metrics.md, Numbers)."""
    v = Fraction(value) * 10 ** places
    q = math.floor(abs(v) + Fraction(1, 2))
    text = str(q).rjust(places + 1, "0")
    text = text[:-places] + "." + text[-places:] if places else text
    return ("-" if v < 0 and q else "") + text


def secs(ms):
    return fmt(Fraction(ms, 1000), 3)


def customer_of(conv):
    c = conv.get("primaryCustomer")
    cid = ident(c.get("id")) if isinstance(c, dict) else None
    if cid is None and isinstance(conv.get("customer"), dict):  # v1
        cid = ident(conv["customer"].get("id"))
    return cid


def write(verified, out, since=None, until=None):
    """since/until: the period [since, until) in epoch milliseconds, either or both None."""
    events = []
    snaps, threads, ratings, created, deleted = defaultdict(list), defaultdict(dict), [], set(), set()
    for etype, raw, received, seq in verified:
        body = json.loads(raw)
        envelope = "eventType" in body and "object" in body
        t = event_time(etype, body, received, envelope)
        events.append((t, etype))
        obj = (body["object"] if isinstance(body["object"], dict) else {}) if envelope else body
        conv_events = ENVELOPE_SNAPSHOTS if envelope else BARE_SNAPSHOTS
        if etype in conv_events or newer_conversation(etype, obj):
            cid = ident(obj.get("id"))
            snaps[cid].append((t, seq, obj))
            if etype == "convo.created":
                created.add(cid)
            for th in threads_of(obj):
                if isinstance(th, dict):
                    add_thread(threads[cid], th, kind_of(th))
        elif envelope and etype in THREAD_KIND:
            add_thread(threads[ident(obj.get("conversationId"))], obj, THREAD_KIND[etype])
        elif etype == "convo.deleted":
            deleted.add(ident(obj.get("id")))
        elif etype == "satisfaction.ratings":
            ratings.append((t, seq, obj))

    cids = sorted((set(snaps) | set(threads)) - deleted)
    facts = {}
    for cid in cids:
        ss = sorted(snaps.get(cid, []), key=lambda x: (x[0], x[1]))
        mb = [mailbox_of(o) for _, _, o in ss if mailbox_of(o) is not None]
        cu = [customer_of(o) for _, _, o in ss if customer_of(o) is not None]
        creations = [c for c in (parse_time(o.get("createdAt")) for _, _, o in ss) if c is not None]
        facts[cid] = {"snaps": ss, "mailbox": mb[-1] if mb else None, "customer": cu[-1] if cu else None,
                      "created": creations[0] if creations else None,
                      "threads": sorted(threads.get(cid, {}).values(), key=lambda x: (x[0], x[1]))}

    # Per conversation, from all facts: responses (seconds in ms, agent, reply time), resolution.
    for cid in cids:
        f = facts[cid]
        ths, waiting, responses = f["threads"], None, []
        for tm, tid, kind, who in ths:
            if kind == "customer" and waiting is None:
                waiting = tm
            elif kind == "agent" and waiting is not None:
                responses.append((tm - waiting, who, tm))
                waiting = None
        f["responses"] = responses
        f["first"] = responses[0] if cid in created and ths and ths[0][2] == "customer" and responses else None
        replies = [tm for tm, _, kind, _ in ths if kind == "agent"]
        f["resolution"] = None
        if replies and f["created"] is not None:
            for t, _, o in f["snaps"]:
                st = o.get("status")
                if isinstance(st, str) and st.lower() == "closed" and t >= replies[0]:
                    end = parse_time(o.get("closedAt"))
                    end = t if end is None else end
                    f["resolution"] = (end - f["created"], end, sum(1 for r in replies if r <= t))
                    break

    # Latest version of each rating, with its attribution.
    latest = {}
    for t, seq, o in ratings:
        rid = ident(o.get("id"))
        identity = ("id", rid) if rid is not None else (("thread", ident(o.get("threadId"))) if ident(o.get("threadId")) is not None else ("conv", ident(o.get("conversationId"))))
        if identity not in latest or (t, seq) >= latest[identity][:2]:
            latest[identity] = (t, seq, o)
    counted = []
    for t, seq, o in latest.values():
        cid = ident(o.get("conversationId"))
        if cid is None:  # v1 ratings name the conversation ticketId
            cid = ident(o.get("ticketId"))
        sc = score(o.get("rating"))
        if sc is None or cid in deleted:
            continue
        ordered = facts[cid]["threads"] if cid in facts else []
        user = ident(o["user"].get("id")) if isinstance(o.get("user"), dict) else None
        if user is None:
            user = ident(o.get("userId"))
        if user is None and ident(o.get("threadId")) is not None:  # the rated reply's author
            rated = [x for x in ordered if x[2] == "agent" and x[1] == ident(o.get("threadId"))]
            user = rated[0][3] if rated else None
        if user is None:
            before = [x for x in ordered if x[2] == "agent" and x[0] <= t]
            user = before[-1][3] if before else None
        mb = ident(o.get("mailboxId"))
        if mb is None and isinstance(o.get("mailbox"), dict):
            mb = ident(o["mailbox"].get("id"))
        if mb is None:
            mb = facts[cid]["mailbox"] if cid in facts else None
        counted.append((t, sc, user, mb))

    times = [t for t, _ in events]
    first_event, last_event = (min(times), max(times)) if times else (0, -1)
    bounded = since is not None or until is not None
    lo = since if since is not None else first_event
    hi = until if until is not None else last_event + 1
    files, head = measure(facts, cids, counted, events, lo, hi, bounded)
    files["busiest_hours.csv"] = busiest_hours(facts, cids, max(lo, first_event), min(hi, last_event + 1))
    for name, (header, rows) in files.items():
        emit(out, name, header, rows)

    previous = None
    if since is not None and until is not None:
        start = since - (until - since)
        if times and first_event < start:
            previous = measure(facts, cids, counted, events, start, since, True)[1]
    rows = []
    for name, kind in HEADLINE:
        cur, prev = head[name], (previous[name] if previous else None)
        change = ""
        if cur is not None and prev is not None and prev != 0:
            change = fmt(100 * (Fraction(cur) - Fraction(prev)) / abs(Fraction(prev)), 2)
        rows.append([name, show(cur, kind), show(prev, kind), change])
    emit(out, "headline.csv", ["measure", "current", "previous", "change_pct"], rows)


HEADLINE = [("new_conversations", "n"), ("customers_helped", "n"), ("customer_messages", "n"), ("replies_sent", "n"),
            ("resolved", "n"), ("resolved_on_first_reply_pct", "2"), ("replies_to_resolve", "2"),
            ("first_response_p50_s", "s"), ("first_response_p90_s", "s"), ("response_p50_s", "s"),
            ("resolution_p50_s", "s"), ("ratings", "n"), ("csat_pct", "2"), ("happiness", "2")]


M, H = 60 * 1000, 3600 * 1000
BUCKETS = [("<15m", -math.inf, 15 * M), ("15-30m", 15 * M, 30 * M), ("30-60m", 30 * M, H), ("1-2h", H, 2 * H),
           ("2-3h", 2 * H, 3 * H), ("3-6h", 3 * H, 6 * H), ("6-12h", 6 * H, 12 * H), ("12-24h", 12 * H, 24 * H),
           ("1-2d", 24 * H, 48 * H), (">2d", 48 * H, math.inf)]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def busiest_hours(facts, cids, lo, hi):
    """busiest_hours.csv: createdAt and customer messages by UTC weekday and hour, within [lo, hi)."""
    cells = defaultdict(lambda: [0, 0])
    slot = lambda ms: (datetime.fromtimestamp(ms / 1000, timezone.utc).weekday(), datetime.fromtimestamp(ms / 1000, timezone.utc).hour)
    for cid in cids:
        f = facts[cid]
        if f["created"] is not None and lo <= f["created"] < hi:
            cells[slot(f["created"])][0] += 1
        for tm, _, kind, _ in f["threads"]:
            if kind == "customer" and lo <= tm < hi:
                cells[slot(tm)][1] += 1
    rows = [[WEEKDAYS[d], h] + cells[(d, h)] for d in range(7) for h in range(24)]
    return (["weekday", "hour", "new_conversations", "customer_messages"], rows)


def show(value, kind):
    if value is None:
        return ""
    return str(value) if kind == "n" else (secs(value) if kind == "s" else fmt(value, 2))


def measure(facts, cids, counted, events, lo, hi, bounded):
    """The report's analytics over [lo, hi): (files {name: (header, rows)}, headline {measure: exact value or None})."""
    inside = lambda t: lo <= t < hi
    key = lambda v: "unknown" if v is None else str(v)
    files, head = {}, {}

    samples = defaultdict(list)
    resolved = []
    for cid in cids:
        f = facts[cid]
        for ms, who, tm in f["responses"]:
            if inside(tm):
                for scope, k in (("all", "all"), ("mailbox", key(f["mailbox"])), ("agent", key(who)), ("day", day(tm))):
                    samples[("response", scope, k)].append(ms)
        if f["first"] and inside(f["first"][2]):
            for scope, k in (("all", "all"), ("mailbox", key(f["mailbox"]))):
                samples[("first_response", scope, k)].append(f["first"][0])
        if f["resolution"] and inside(f["resolution"][1]):
            resolved.append(f["resolution"])
            for scope, k in (("all", "all"), ("mailbox", key(f["mailbox"]))):
                samples[("resolution", scope, k)].append(f["resolution"][0])

    def sort_key(k):
        return (2, 0, k) if k == "unknown" else ((0, int(k), k) if k.lstrip("-").isdigit() else (1, 0, k))

    rows = []
    for metric in ("response", "first_response", "resolution"):
        for scope in ("all", "mailbox", "agent", "day"):
            ks = sorted({k for (m, s, k) in samples if m == metric and s == scope}, key=sort_key)
            for k in ks:
                v = sorted(samples[(metric, scope, k)])
                rows.append([metric, scope, k, len(v), fmt(Fraction(sum(v), 1000 * len(v)), 3)] + [secs(x) for x in (nearest(v, 50), nearest(v, 90), nearest(v, 95), v[-1])])
    buckets = []
    for metric in ("first_response", "response"):
        v = samples.get((metric, "all", "all"), [])
        for name, low, high in BUCKETS:
            n = sum(1 for ms in v if low <= ms < high)
            buckets.append([metric, name, n, fmt(Fraction(100 * n, len(v)), 2) if v else ""])
    files["response_buckets.csv"] = (["metric", "bucket", "count", "pct"], buckets)
    files["response_times.csv"] = (["metric", "scope", "key", "count", "mean_s", "p50_s", "p90_s", "p95_s", "max_s"], rows)

    churn, agents = [], defaultdict(lambda: [0, 0])
    for cid in cids:
        last, current, final, held, a, r, b, u = None, None, None, set(), 0, 0, 0, 0
        for t, _, o in facts[cid]["snaps"]:
            who = assignee_of(o)
            if who is not None and who != last:
                if inside(t):
                    a += 1
                    b += who in held
                    agents[who][0] += 1
                    if last is not None:  # a reassignment: taken from the agent who held it
                        r += 1
                        agents[last][1] += 1
                last = who
                held.add(who)
            elif who is None and current is not None and inside(t):
                u += 1
            current = who
            if t < hi:
                final = who
        if a or u:
            churn.append([cid, key(facts[cid]["mailbox"]), a, r, b, u, "" if final is None else final])
    files["assignment_churn.csv"] = (["conversation_id", "mailbox_id", "assignments", "reassignments", "bounces", "unassignments", "final_assignee_id"], churn)
    files["agent_assignments.csv"] = (["agent_id", "assigned_in", "handed_off"], [[k] + agents[k] for k in sorted(agents)])

    tags = defaultdict(lambda: [0, 0, 0])
    for cid in cids:
        prev, held = None, set()
        for t, _, o in facts[cid]["snaps"]:
            cur = tag_set(o)
            if cur is None:
                continue
            if inside(t):
                for g in cur - (prev or set()):
                    tags[g][1] += 1
                for g in (prev or set()) - cur:
                    tags[g][2] += 1
                held |= cur
            prev = cur
        for g in (held if bounded else (prev or ())):
            tags[g][0] += 1
    files["tags.csv"] = (["tag", "conversations", "added", "removed"], [[g] + tags[g] for g in sorted(tags, key=lambda g: (-tags[g][0], g))])

    counts = defaultdict(lambda: {"great": 0, "okay": 0, "not_good": 0})
    for t, sc, user, mb in counted:
        if inside(t):
            for scope, k in (("all", "all"), ("agent", key(user)), ("mailbox", key(mb)), ("week", week(t))):
                counts[(scope, k)][sc] += 1
    rows = []
    for scope in ("all", "agent", "mailbox", "week"):
        for k in sorted({k for s, k in counts if s == scope}, key=sort_key):
            c = counts[(scope, k)]
            n = sum(c.values())
            rows.append([scope, k, n, c["great"], c["okay"], c["not_good"], fmt(Fraction(100 * c["great"], n), 2), fmt(Fraction(100 * (c["great"] - c["not_good"]), n), 2)])
    files["csat.csv"] = (["scope", "key", "ratings", "great", "okay", "not_good", "csat_pct", "happiness"], rows)

    per_day = defaultdict(int)
    for t, etype in events:
        if inside(t):
            per_day[(day(t), etype)] += 1
    files["events.csv"] = (["day", "event_type", "count"], [[d, e, per_day[(d, e)]] for d, e in sorted(per_day)])

    # Headline measures, exact (ints, or Fractions; durations in ms).
    head["new_conversations"] = sum(1 for cid in cids if facts[cid]["created"] is not None and inside(facts[cid]["created"]))
    head["customers_helped"] = len({facts[cid]["customer"] for cid in cids if facts[cid]["customer"] is not None
                                    and any(kind == "agent" and inside(tm) for tm, _, kind, _ in facts[cid]["threads"])})
    head["customer_messages"] = sum(1 for cid in cids for tm, _, kind, _ in facts[cid]["threads"] if kind == "customer" and inside(tm))
    head["replies_sent"] = sum(1 for cid in cids for tm, _, kind, _ in facts[cid]["threads"] if kind == "agent" and inside(tm))
    head["resolved"] = len(resolved)
    head["resolved_on_first_reply_pct"] = Fraction(100 * sum(1 for r in resolved if r[2] == 1), len(resolved)) if resolved else None
    head["replies_to_resolve"] = Fraction(sum(r[2] for r in resolved), len(resolved)) if resolved else None
    pick = lambda m, p: nearest(sorted(samples[(m, "all", "all")]), p) if samples.get((m, "all", "all")) else None
    head["first_response_p50_s"] = pick("first_response", 50)
    head["first_response_p90_s"] = pick("first_response", 90)
    head["response_p50_s"] = pick("response", 50)
    head["resolution_p50_s"] = pick("resolution", 50)
    c = counts.get(("all", "all"))
    n = sum(c.values()) if c else 0
    head["ratings"] = n
    head["csat_pct"] = Fraction(100 * c["great"], n) if n else None
    head["happiness"] = Fraction(100 * (c["great"] - c["not_good"]), n) if n else None
    return files, head

def add_thread(store, thread, kind):
    t = parse_time(thread.get("createdAt"))
    if t is None:
        return
    tid = ident(thread.get("id"))
    k = tid if tid is not None else ("noid", t, kind, author(thread))
    if k not in store:
        store[k] = (t, tid if tid is not None else -2 ** 63, kind, author(thread))


def emit(out, name, header, rows):
    with open(os.path.join(out, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
