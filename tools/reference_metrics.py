"""docs/metrics.md, read independently: events into facts, facts into the report's CSVs.

Each verified event is (event_type, raw_body, received_at_ms, sequence); sequence is archive order.
"""
import csv, json, math, os
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


def write(verified, out):
    events = defaultdict(int)
    snaps, threads, ratings, created, deleted = defaultdict(list), defaultdict(dict), [], set(), set()
    for etype, raw, received, seq in verified:
        body = json.loads(raw)
        envelope = "eventType" in body and "object" in body
        t = event_time(etype, body, received, envelope)
        events[(day(t), etype)] += 1
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
    mailbox, ordered_threads = {}, {}
    for cid in cids:
        ss = sorted(snaps.get(cid, []), key=lambda x: (x[0], x[1]))
        snaps[cid] = ss
        mb = [mailbox_of(o) for _, _, o in ss if mailbox_of(o) is not None]
        mailbox[cid] = mb[-1] if mb else None
        ordered_threads[cid] = sorted(threads.get(cid, {}).values(), key=lambda x: (x[0], x[1]))

    samples = defaultdict(list)
    key = lambda v: "unknown" if v is None else str(v)
    for cid in cids:
        ths, waiting, responses = ordered_threads[cid], None, []
        for tm, tid, kind, who in ths:
            if kind == "customer" and waiting is None:
                waiting = tm
            elif kind == "agent" and waiting is not None:
                responses.append(((tm - waiting) / 1000, who, tm))
                waiting = None
        for secs, who, tm in responses:
            for scope, k in (("all", "all"), ("mailbox", key(mailbox[cid])), ("agent", key(who)), ("day", day(tm))):
                samples[("response", scope, k)].append(secs)
        if cid in created and ths and ths[0][2] == "customer" and responses:
            for scope, k in (("all", "all"), ("mailbox", key(mailbox[cid]))):
                samples[("first_response", scope, k)].append(responses[0][0])
        replies = [tm for tm, _, kind, _ in ths if kind == "agent"]
        ss = snaps[cid]
        creations = [parse_time(o.get("createdAt")) for _, _, o in ss]
        creations = [c for c in creations if c is not None]
        if replies and creations:
            for t, _, o in ss:
                st = o.get("status")
                if isinstance(st, str) and st.lower() == "closed" and t >= replies[0]:
                    end = parse_time(o.get("closedAt"))
                    end = t if end is None else end
                    for scope, k in (("all", "all"), ("mailbox", key(mailbox[cid]))):
                        samples[("resolution", scope, k)].append((end - creations[0]) / 1000)
                    break

    def sort_key(k):
        return (2, 0, k) if k == "unknown" else ((0, int(k), k) if k.lstrip("-").isdigit() else (1, 0, k))

    rows = []
    for metric in ("response", "first_response", "resolution"):
        for scope in ("all", "mailbox", "agent", "day"):
            ks = sorted({k for (m, s, k) in samples if m == metric and s == scope}, key=sort_key)
            for k in ks:
                v = sorted(samples[(metric, scope, k)])
                rows.append([metric, scope, k, len(v)] + ["%.3f" % x for x in (sum(v) / len(v), nearest(v, 50), nearest(v, 90), nearest(v, 95), v[-1])])
    emit(out, "response_times.csv", ["metric", "scope", "key", "count", "mean_s", "p50_s", "p90_s", "p95_s", "max_s"], rows)

    churn, agents = [], defaultdict(lambda: [0, 0])
    for cid in cids:
        last, current, held, a, b, u = None, None, set(), 0, 0, 0
        for _, _, o in snaps[cid]:
            who = assignee_of(o)
            if who is not None:
                if who != last:
                    a += 1
                    b += who in held
                    agents[who][0] += 1
                    if last is not None:
                        agents[last][1] += 1
                    last = who
                    held.add(who)
            elif current is not None:
                u += 1
            current = who
        if a or u:
            churn.append([cid, key(mailbox[cid]), a, max(0, a - 1), b, u, "" if current is None else current])
    emit(out, "assignment_churn.csv", ["conversation_id", "mailbox_id", "assignments", "reassignments", "bounces", "unassignments", "final_assignee_id"], churn)
    emit(out, "agent_assignments.csv", ["agent_id", "assigned_in", "handed_off"], [[k] + agents[k] for k in sorted(agents)])

    tags = defaultdict(lambda: [0, 0, 0])
    for cid in cids:
        prev = None
        for _, _, o in snaps[cid]:
            cur = tag_set(o)
            if cur is None:
                continue
            for t in cur - (prev or set()):
                tags[t][1] += 1
            for t in (prev or set()) - cur:
                tags[t][2] += 1
            prev = cur
        for t in prev or ():
            tags[t][0] += 1
    emit(out, "tags.csv", ["tag", "conversations", "added", "removed"], [[t] + tags[t] for t in sorted(tags, key=lambda t: (-tags[t][0], t))])

    latest = {}
    for t, seq, o in ratings:
        rid = ident(o.get("id"))
        identity = ("id", rid) if rid is not None else (("thread", ident(o.get("threadId"))) if ident(o.get("threadId")) is not None else ("conv", ident(o.get("conversationId"))))
        if identity not in latest or (t, seq) >= latest[identity][:2]:
            latest[identity] = (t, seq, o)
    counts = defaultdict(lambda: {"great": 0, "okay": 0, "not_good": 0})
    for t, seq, o in latest.values():
        cid = ident(o.get("conversationId"))
        if cid is None:  # v1 ratings name the conversation ticketId
            cid = ident(o.get("ticketId"))
        sc = score(o.get("rating"))
        if sc is None or cid in deleted:
            continue
        user = ident(o["user"].get("id")) if isinstance(o.get("user"), dict) else None
        if user is None:
            user = ident(o.get("userId"))
        if user is None and ident(o.get("threadId")) is not None:  # the rated reply's author
            rated = [x for x in ordered_threads.get(cid, []) if x[2] == "agent" and x[1] == ident(o.get("threadId"))]
            user = rated[0][3] if rated else None
        if user is None:
            before = [x for x in ordered_threads.get(cid, []) if x[2] == "agent" and x[0] <= t]
            user = before[-1][3] if before else None
        mb = ident(o.get("mailboxId"))
        if mb is None and isinstance(o.get("mailbox"), dict):
            mb = ident(o["mailbox"].get("id"))
        if mb is None:
            mb = mailbox.get(cid)
        for scope, k in (("all", "all"), ("agent", key(user)), ("mailbox", key(mb)), ("week", week(t))):
            counts[(scope, k)][sc] += 1
    rows = []
    for scope in ("all", "agent", "mailbox", "week"):
        for k in sorted({k for s, k in counts if s == scope}, key=sort_key):
            c = counts[(scope, k)]
            n = sum(c.values())
            rows.append([scope, k, n, c["great"], c["okay"], c["not_good"], "%.2f" % (100 * c["great"] / n), "%.2f" % (100 * (c["great"] - c["not_good"]) / n)])
    emit(out, "csat.csv", ["scope", "key", "ratings", "great", "okay", "not_good", "csat_pct", "happiness"], rows)
    emit(out, "events.csv", ["day", "event_type", "count"], [[d, e, events[(d, e)]] for d, e in sorted(events)])


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
