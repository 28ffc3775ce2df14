#!/usr/bin/env python3
"""Seeds a Hangmat SQLite database (already migrated by the server) for `bench/run scale`.

Bulk SQL, generated inside SQLite with recursive CTEs, so 10,000 mothers with 120 days of sessions
each take about a minute instead of hours through HTTP. Python only adds what SQL cannot make: the
hashed device tokens of the mothers the load tool signs in as.

What it writes (numbers from the arguments):
- `mothers` profiles, born 125 to 154 days ago, each with 120 days of activity ending today:
  1 to 3 guided sessions a day (strength + endurance parts) and one coordination tap a day;
- a device session for the first `cookies` mothers, token `bench-<n>` (cookie hangmat_device);
- for the first `linked` mothers (the ones a physiotherapist follows): a prescription with its
  change history and 1 to 9 physiotherapy session records.
- one physiotherapist ("An", signed in with the cookie `hangmat_staff=bench-staff`) linked to those
  `linked` mothers, link n having id 00000000-0000-4000-b000-<n as 12 hex digits>.
`--staff-sql FILE` runs more SQL last.
"""

import argparse
import base64
import datetime
import hashlib
import json
import sqlite3
import sys
import time

DAYS = 120


def token_hash(token: str) -> str:
    digest = hashlib.sha256(token.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--mothers", type=int, default=10_000)
    parser.add_argument("--cookies", type=int, default=1_000)
    parser.add_argument("--linked", type=int, default=500)
    parser.add_argument("--today", default=datetime.date.today().isoformat())
    parser.add_argument("--staff-sql", default=None)
    args = parser.parse_args()

    started = time.monotonic()
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -200000")
    db.execute("BEGIN")
    today = args.today
    # Mother n has id 00000000-0000-4000-8000-<n as 12 hex digits>.
    mother_id = "printf('00000000-0000-4000-8000-%012x', m.n)"
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?)
        INSERT INTO profiles (id, created_at, language, birth_date, time_zone, recovery_hash)
        SELECT {mother_id},
               (unixepoch(?, '-' || (125 + m.n % 30) || ' days') + 86400 * 3) * 1000,
               'nl', date(?, '-' || (125 + m.n % 30) || ' days'), 'Europe/Brussels',
               'bench-recovery-' || m.n
        FROM m
        """,
        (args.mothers, today, today),
    )
    # Sessions: day d (0 = today, up to 119 days ago), 1 + (n + d) % 3 sessions that day.
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?),
             d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k + 1 < {DAYS}),
             s(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM s WHERE j + 1 < 3)
        INSERT INTO session_outcomes (id, profile_id, started_at, ended_at, local_date, position,
            hold_counts, completed, contractions, rating, held_every_count, received_at)
        SELECT printf('%08x-%04x-7000-8000-%012x', m.n, d.k, s.j), {mother_id},
               (unixepoch(?, '-' || d.k || ' days') + 3600 * (7 + 4 * s.j)) * 1000,
               (unixepoch(?, '-' || d.k || ' days') + 3600 * (7 + 4 * s.j) + 360) * 1000,
               date(?, '-' || d.k || ' days'),
               CASE (m.n + d.k + s.j) % 4 WHEN 0 THEN 'back' WHEN 1 THEN 'side'
                    WHEN 2 THEN 'sitting' ELSE 'standing' END,
               3 + min(7, (DAYS_MINUS_K) / 14), 1, 20,
               CASE (m.n + s.j) % 5 WHEN 0 THEN 'easy' WHEN 4 THEN 'hard' ELSE 'fine' END, 1,
               (unixepoch(?, '-' || d.k || ' days') + 3600 * (7 + 4 * s.j) + 400) * 1000
        FROM m, d, s WHERE s.j <= (m.n + d.k) % 3
        """.replace("DAYS_MINUS_K", f"{DAYS} - d.k"),
        (args.mothers, today, today, today, today),
    )
    db.execute(
        """
        INSERT INTO outcome_parts (outcome_id, exercise, reps_done)
        SELECT id, 'strength', 10 FROM session_outcomes
        UNION ALL SELECT id, 'endurance', 10 FROM session_outcomes
        """
    )
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?),
             d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k + 1 < {DAYS})
        INSERT INTO coordination_taps (id, profile_id, at, local_date)
        SELECT printf('%08x-%04x-7000-9000-%012x', m.n, d.k, 0), {mother_id},
               (unixepoch(?, '-' || d.k || ' days') + 3600 * 12) * 1000, date(?, '-' || d.k || ' days')
        FROM m, d
        """,
        (args.mothers, today, today),
    )
    # Her hold, chosen once a fortnight as she built up.
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?),
             w(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM w WHERE k + 1 < 8)
        INSERT INTO hold_changes (profile_id, hold_counts, set_by, set_at)
        SELECT {mother_id}, 3 + w.k, 'mother', (unixepoch(?, '-' || ({DAYS} - 14 * w.k) || ' days')) * 1000
        FROM m, w ORDER BY m.n, w.k
        """,
        (args.mothers, today),
    )
    db.executemany(
        "INSERT INTO device_sessions (token_hash, profile_id, created_at) VALUES (?, ?, 0)",
        (
            (token_hash(f"bench-{n}"), f"00000000-0000-4000-8000-{n:012x}")
            for n in range(min(args.cookies, args.mothers))
        ),
    )
    # The mothers a physiotherapist follows: a prescription, its history, their sessions so far.
    linked = min(args.linked, args.mothers)
    staff = "00000000-0000-4000-a000-000000000001"
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?)
        INSERT INTO prescription_settings (profile_id, field, value)
        SELECT {mother_id}, 'strength.reps', '12' FROM m
        UNION ALL SELECT {mother_id}, 'fast.included', 'yes' FROM m WHERE m.n % 2 = 0
        """,
        (linked,),
    )
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?)
        INSERT INTO prescription_changes (profile_id, staff_id, staff_name, changed_at, field,
            old_value, new_value)
        SELECT {mother_id}, '{staff}', 'An', (unixepoch(?, '-20 days')) * 1000, 'strength.reps', '10', '12'
        FROM m
        """,
        (linked, today),
    )
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?),
             p(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM p WHERE k + 1 <= 9)
        INSERT INTO physio_sessions (profile_id, number, session_date, contraction, faults, can_relax,
            knack_on_cough, oxford, endurance_seconds, repetitions, fast, pain, notes, home_programme,
            recorded_by_id, recorded_by_name, recorded_at)
        SELECT {mother_id}, p.k, date(?, '-' || (80 - 7 * p.k) || ' days'), 'correct', '', 1, 1,
               min(5, 1 + p.k / 2), min(10, 2 + p.k), min(10, 2 + p.k), min(10, 1 + p.k), 0,
               'Bench note', '3 x 10', '{staff}', 'An', (unixepoch(?, '-' || (80 - 7 * p.k) || ' days')) * 1000
        FROM m, p WHERE p.k <= 1 + m.n % 9
        """,
        (linked, today, today),
    )
    # The physiotherapist who follows them: account "An", a signed-in session (cookie
    # hangmat_staff=bench-staff), and a link to each, labelled with a file number.
    db.execute(
        "INSERT INTO staff_accounts (id, role, username, display_name, language, created_at) "
        "VALUES (?, 'physiotherapist', 'an', 'An', 'nl', 0)",
        (staff,),
    )
    db.execute(
        "INSERT INTO staff_sessions (token_hash, staff_id, stage, created_at, expires_at) "
        "VALUES (?, ?, 'signed-in', 0, 9000000000000)",
        (token_hash("bench-staff"), staff),
    )
    db.execute(
        f"""
        WITH RECURSIVE m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ?)
        INSERT INTO links (id, profile_id, staff_id, label, created_at)
        SELECT printf('00000000-0000-4000-b000-%012x', m.n), {mother_id}, '{staff}',
               'Dossier ' || (1000 + m.n), (unixepoch(?, '-60 days')) * 1000
        FROM m
        """,
        (linked, today),
    )
    if args.staff_sql:
        with open(args.staff_sql, encoding="utf-8") as sql:
            db.executescript(sql.read())
    db.execute("COMMIT")
    db.execute("ANALYZE")
    counts = {
        table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("profiles", "session_outcomes", "outcome_parts", "coordination_taps", "physio_sessions")
    }
    db.close()
    counts["seconds"] = round(time.monotonic() - started, 1)
    print(f"seeded {counts}", file=sys.stderr)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
