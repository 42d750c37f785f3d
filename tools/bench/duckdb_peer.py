#!/usr/bin/env python3
"""DuckDB's read_ndjson over the same archives: events by type and signature status, no HMAC.

    duckdb_peer.py ARCHIVE_GLOB
"""
import sys

import duckdb

QUERY = """
SELECT coalesce(json_extract_string(headers, '$."X-HelpScout-Event"'),
                json_extract_string(headers, '$."x-helpscout-event"'),
                CASE WHEN json_valid(body) THEN json_extract_string(body, '$.eventType') END) AS event_type,
       CASE WHEN json_extract_string(headers, '$."X-HelpScout-Signature"') IS NULL
             AND json_extract_string(headers, '$."x-helpscout-signature"') IS NULL THEN 'unsigned'
            ELSE 'signed' END AS status,
       count(*) AS events,
       count(DISTINCT CASE WHEN json_valid(body) THEN json_extract(body, '$.id') END) AS conversations
FROM read_ndjson(?, columns = {headers: 'JSON', body: 'VARCHAR'}, compression = 'gzip', ignore_errors = true)
GROUP BY ALL ORDER BY ALL
"""

connection = duckdb.connect()
connection.execute("SET threads = 2")
for row in connection.execute(QUERY, [sys.argv[1]]).fetchall():
    print(*row)
