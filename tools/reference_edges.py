#!/usr/bin/env python3
"""A small signed archive of period edge cases, for cross-checking tools/reference.py with hsarchive.

    tools/reference_edges.py DIR     # writes DIR/archive/edges.jsonl and DIR/secrets.txt (mode 600)

Conversations (UTC, 2026-01-04 to 2026-01-13; the first event is 2026-01-05T00:00Z, the last
2026-01-12T00:00Z):
  5   created (createdAt, threads) on 01-04, before the first event: outside an open-ended period
  6   the last event, carrying a reply at 01-12T05:00, after it: outside an open-ended period
  12  resolved with closedAt 01-13, after the last event
  1   tag `a`, then in 01-06..01-09 only a snapshot without `tags`
  2   agent 20 assigned only on 01-05
  3   customer 100 helped on 01-06, named 101 on 01-10; 33: customer 101 helped on 01-07
  4   mailbox 1 in 01-06..01-09, moved to mailbox 2 on 01-10
  7   32 ratings on 01-07, one great: CSAT 3.125
  9   ratings: 1 of 3 great on 01-10, 1 of 7 on 01-11 (change_pct from unrounded values)
  10  closedAt before a second reply that precedes the closing snapshot's event time
Try no period, --since 2026-01-06 --until 2026-01-09, --since 2026-01-11 --until 2026-01-12,
--since 2026-01-06, --until 2026-01-09. Standard library only.
"""
import base64, hashlib, hmac, json, os, sys

SECRET = "reference-edges-secret"


def main(out):
    n = [0]
    lines = []

    def line(etype, at, obj):
        n[0] += 1
        body = json.dumps({"eventType": etype, "createdAt": at, "primaryKey": n[0], "object": obj})
        sig = base64.b64encode(hmac.new(SECRET.encode(), body.encode(), hashlib.sha1).digest()).decode()
        lines.append(json.dumps({"id": "d%d" % n[0], "headers": {"X-HelpScout-Signature": sig, "X-HelpScout-Event": etype}, "body": body}))

    def conv(cid, created, status="active", assignee=None, tags=None, mailbox=1, customer=None, closed=None, threads=()):
        o = {"id": cid, "createdAt": created, "status": status, "mailboxId": mailbox, "closedAt": closed, "_embedded": {"threads": list(threads)}}
        if assignee is not None:
            o["assignee"] = {"id": assignee}
        if tags is not None:
            o["tags"] = tags
        if customer is not None:
            o["primaryCustomer"] = {"id": customer}
        return o

    def th(tid, kind, at, who=None):
        return {"id": tid, "type": kind, "createdAt": at, "createdBy": {"id": who, "type": "customer" if kind == "customer" else "user"}}

    def reply(tid, cid, at, who):
        line("convo.agent.reply.created", at, {"id": tid, "conversationId": cid, "type": "reply", "createdAt": at, "createdBy": {"id": who, "type": "user"}})

    D = lambda d, h=0, m=0: "2026-01-%02dT%02d:%02d:00Z" % (d, h, m)
    line("convo.created", D(5, 0), conv(5, D(4, 1), customer=500, threads=[th(51, "customer", D(4, 1)), th(52, "reply", D(4, 3), 11)]))
    line("convo.created", D(5, 1), conv(1, D(5, 1), tags=["a"], threads=[th(11, "customer", D(5, 1))]))
    line("convo.assigned", D(7, 1), conv(1, D(5, 1), assignee=10))
    line("convo.assigned", D(5, 2), conv(2, D(5, 2), assignee=20))
    line("convo.created", D(5, 3), conv(3, D(5, 3), customer=100, threads=[th(31, "customer", D(5, 3))]))
    reply(32, 3, D(6, 3), 11)
    line("convo.status", D(10, 3), conv(3, D(5, 3), customer=101))
    line("convo.created", D(5, 4), conv(33, D(5, 4), customer=101, threads=[th(331, "customer", D(5, 4))]))
    reply(332, 33, D(7, 4), 11)
    line("convo.assigned", D(6, 5), conv(4, D(6, 5), assignee=12, mailbox=1))
    line("convo.moved", D(10, 5), conv(4, D(6, 5), assignee=12, mailbox=2))
    for i in range(32):
        line("satisfaction.ratings", D(7, 6, i), {"id": 7000 + i, "conversationId": 7, "rating": "great" if i == 0 else "okay", "user": {"id": 11}})
    for i in range(3):
        line("satisfaction.ratings", D(10, 7, i), {"id": 9000 + i, "conversationId": 9, "rating": "great" if i == 0 else "okay"})
    for i in range(7):
        line("satisfaction.ratings", D(11, 7, i), {"id": 9100 + i, "conversationId": 9, "rating": "great" if i == 0 else "okay"})
    line("convo.created", D(6, 0), conv(10, D(6, 0), threads=[th(101, "customer", D(6, 0))]))
    reply(102, 10, D(6, 1), 11)
    reply(103, 10, D(6, 4), 11)
    line("convo.status", D(6, 5), conv(10, D(6, 0), status="closed", closed=D(6, 3)))
    line("convo.created", D(11, 0), conv(12, D(11, 0), threads=[th(121, "customer", D(11, 0))]))
    reply(122, 12, D(11, 1), 13)
    line("convo.status", D(11, 2), conv(12, D(11, 0), status="closed", closed=D(13, 0)))
    line("convo.created", D(12, 0), conv(6, D(12, 0), customer=600, threads=[th(61, "customer", D(12, 0)), th(62, "reply", D(12, 5), 11)]))

    os.makedirs(os.path.join(out, "archive"), exist_ok=True)
    with open(os.path.join(out, "archive", "edges.jsonl"), "w") as f:
        f.write("\n".join(lines) + "\n")
    path = os.path.join(out, "secrets.txt")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(SECRET + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: tools/reference_edges.py DIR")
    main(sys.argv[1])
