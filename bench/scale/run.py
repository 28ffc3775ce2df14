#!/usr/bin/env python3
"""`bench/run scale`: a seeded deployment (bench/scale/seed.py) measured over HTTP with wrk.

Latency of pages (Today; the portal's list and one mother's page, when a staff cookie is given) at
light load (1 thread, 4 connections: the time one request takes, not queueing); throughput of the
session-outcome PUT against the same binary's static route at 64 connections, with the PUT's p99;
the server's resident memory (now and peak) from /proc. One JSON object on the last line.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
GOALS = {"today_p95_ms": 5.0, "portal_list_p95_ms": 50.0, "outcome_vs_static": 0.5,
         "outcome_p99_ms": 20.0, "rss_mb": 50.0, "steady_p99_ms": 10.0}
# The steady phase: the outcome PUT at a constant offered rate (the peak per server of an EU-wide
# deployment), from this many oha processes, each as one seeded mother, so no mother's day holds
# the whole run's outcomes.
STEADY_RATE = int(os.environ.get("BENCH_STEADY_RATE", "1000"))
STEADY_SENDERS = 10


def wrk(base, script, path, seconds, threads, connections, env=None):
    environment = dict(os.environ, BENCH_PATH=path, **(env or {}))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
               "-s", os.path.join(HERE, script), base]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    line = next((l for l in result.stdout.splitlines() if l.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result:\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line[len("BENCH "):])
    figures["rps"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 1)
    return figures


def oha_binary():
    """oha (`cargo install oha`), on PATH or in cargo's bin directory; None without it."""
    found = shutil.which("oha")
    home = os.path.expanduser("~/.cargo/bin/oha")
    return found or (home if os.access(home, os.X_OK) else None)


def steady(base, seconds, rate, workdir):
    """The outcome PUT at `rate` requests a second, offered at a constant pace whatever the answers
    take (oha's -q with --latency-correction: a late answer delays no later request, and each
    latency counts from when its request was due, so coordinated omission hides nothing). Every
    request's timing goes to a SQLite file per sender; the percentiles are over all of them."""
    oha = oha_binary()
    if oha is None:
        return None
    now = time.time()
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 600))
    ended = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 240))
    body = json.dumps({"started_at": started, "ended_at": ended, "position": "side",
                       "hold_counts": 5, "completed": False,
                       "parts": [{"exercise": "strength", "reps_done": 10},
                                 {"exercise": "endurance", "reps_done": 8}],
                       "rating": "fine", "held_every_count": True})
    # In the regex oha expands each URL from, a dot is any character: keep the host's dots literal.
    url = base.replace(".", "[.]") + "/api/outcomes/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}"
    senders = []
    for sender in range(STEADY_SENDERS):
        db = os.path.join(workdir, f"oha-{sender}.sqlite")
        if os.path.exists(db):
            os.remove(db)
        command = [oha, "--no-tui", "-z", f"{seconds}s", "-q", str(rate / STEADY_SENDERS),
                   "--latency-correction", "-c", "16", "-m", "PUT", "--rand-regex-url",
                   "-H", f"Cookie: hangmat_device=bench-{500 + sender}",
                   "-H", "Content-Type: application/json", "-H", "Sec-Fetch-Site: same-origin",
                   "-d", body, "--db-url", db, url]
        senders.append((db, subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.PIPE, text=True)))
    latencies, statuses = [], {}
    for db, process in senders:
        _, error = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"oha failed: {error}")
        with sqlite3.connect(db) as connection:
            for due, start, end, status in connection.execute(
                    "SELECT start_latency_correction, start, end, status FROM oha"):
                latencies.append(end - (due if due is not None else start))
                statuses[status] = statuses.get(status, 0) + 1
    latencies.sort()
    if not latencies:
        raise SystemExit("oha recorded no request")

    def at(fraction):
        return round(latencies[min(len(latencies) - 1, int(fraction * len(latencies)))] * 1000, 2)

    ok = sum(count for status, count in statuses.items() if 200 <= status < 300)
    return {"offered_rps": rate, "achieved_rps": round(len(latencies) / seconds, 1),
            "requests": len(latencies), "non2xx": len(latencies) - ok,
            "statuses": {str(status): count for status, count in sorted(statuses.items())},
            "p50_ms": at(0.50), "p99_ms": at(0.99),
            "max_ms": round(latencies[-1] * 1000, 2), "senders": STEADY_SENDERS,
            "tool": "oha --latency-correction"}


def ms(us):
    return round(us / 1000, 2)


def page(figures):
    return {"p50_ms": ms(figures["p50_us"]), "p95_ms": ms(figures["p95_us"]),
            "p99_ms": ms(figures["p99_us"]), "rps": figures["rps"],
            "errors": figures["errors"] + figures["non2xx"]}


def cpu_seconds(pid):
    """The server's user + system CPU time so far (/proc/PID/stat, in clock ticks)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_us_per_request(pid, before, figures):
    return round((cpu_seconds(pid) - before) * 1e6 / max(figures["requests"], 1), 1)


def memory_mb(pid):
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pid", required=True, type=int)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "15")))
    parser.add_argument("--seed", default="{}", help="what the seed wrote (JSON)")
    parser.add_argument("--only", default=os.environ.get("BENCH_ONLY", ""),
                        help="comma-separated phases to run (today, portal, outcome, steady); "
                             "default all")
    args = parser.parse_args()
    only = {phase for phase in args.only.split(",") if phase}
    wanted = lambda phase: not only or phase in only
    seed = json.loads(args.seed)
    # The seeded physiotherapist and the first of her mothers (bench/scale/seed.py).
    portal_cookie = os.environ.get("BENCH_PORTAL_COOKIE", "hangmat_staff=bench-staff")
    portal_list = os.environ.get("BENCH_PORTAL_LIST", "/portal/mothers")
    first = "/portal/mothers/00000000-0000-4000-b000-000000000000"
    portal_mother = os.environ.get("BENCH_PORTAL_MOTHER", first)
    portal_summary = os.environ.get("BENCH_PORTAL_SUMMARY", f"{first}/summary")
    portal_pages = (("portal_list", portal_list), ("portal_mother", portal_mother),
                    ("portal_summary", portal_summary))
    missing = []
    for _, path in portal_pages:
        probe = urllib.request.Request(f"{args.base}{path}", headers={"Cookie": portal_cookie})
        try:
            with urllib.request.urlopen(probe) as reply:
                reply.read()
        except urllib.error.HTTPError as error:
            missing.append(f"{path}: {error.code}")
    if missing:
        print(f"not measured (not served by this build): {missing}", file=sys.stderr)

    request = urllib.request.Request(f"{args.base}/today", headers={"Cookie": "hangmat_device=bench-1"})
    with urllib.request.urlopen(request) as reply:
        html = reply.read().decode()
    asset = re.search(r'/static/[^/"]+/css/app\.css', html)
    if asset is None:
        raise SystemExit("no stylesheet link on Today")
    static_path = asset.group(0)

    load_before = os.getloadavg()[0]
    print(f"warming up ({args.base})", file=sys.stderr)
    wrk(args.base, "get.lua", "/today", 3, 1, 4)
    results = {}
    phases = {}
    if wanted("today"):
        print("Today at light load", file=sys.stderr)
        results["today"] = page(wrk(args.base, "get.lua", "/today", args.seconds, 1, 4))
        phases["today"] = memory_mb(args.pid).get("VmHWM")
    env = {"BENCH_COOKIE": portal_cookie}
    for name, path in portal_pages:
        if not wanted("portal") or any(entry.startswith(f"{path}:") for entry in missing):
            continue
        print(f"{name} ({path}) at light load", file=sys.stderr)
        wrk(args.base, "get.lua", path, 3, 1, 4, env)
        results[name] = page(wrk(args.base, "get.lua", path, args.seconds, 1, 4, env))
        results[name]["path"] = path
        phases[name] = memory_mb(args.pid).get("VmHWM")
    ratio = None
    if wanted("outcome"):
        print("static route at 64 connections", file=sys.stderr)
        before = cpu_seconds(args.pid)
        static = wrk(args.base, "get.lua", static_path, args.seconds, 2, 64)
        static_cpu = cpu_us_per_request(args.pid, before, static)
        phases["static"] = memory_mb(args.pid).get("VmHWM")
        print("session-outcome PUT at 64 connections", file=sys.stderr)
        wrk(args.base, "put-outcome.lua", "/", 3, 2, 64, {"BENCH_RUN": "1"})
        before = cpu_seconds(args.pid)
        outcome = wrk(args.base, "put-outcome.lua", "/", args.seconds, 2, 64, {"BENCH_RUN": "2"})
        outcome_cpu = cpu_us_per_request(args.pid, before, outcome)
        phases["outcome"] = memory_mb(args.pid).get("VmHWM")
        results["static_64"] = dict(page(static), server_cpu_us_per_request=static_cpu)
        results["outcome_put_64"] = dict(page(outcome), server_cpu_us_per_request=outcome_cpu)
        ratio = round(outcome["rps"] / static["rps"], 3) if static["rps"] else 0.0
    if wanted("steady"):
        print(f"session-outcome PUT at a steady {STEADY_RATE} req/s (oha)", file=sys.stderr)
        with tempfile.TemporaryDirectory() as workdir:
            steady(args.base, 3, STEADY_RATE, workdir)
            figures = steady(args.base, args.seconds, STEADY_RATE, workdir)
        if figures is None:
            missing.append("steady: no oha (cargo install oha)")
        else:
            results["outcome_put_steady"] = figures
            phases["steady"] = memory_mb(args.pid).get("VmHWM")
    memory = memory_mb(args.pid)

    def line(name, figures):
        if "offered_rps" in figures:
            print(f"{name:<16} p50 {figures['p50_ms']:>7} ms  p99 {figures['p99_ms']:>7} ms  "
                  f"max {figures['max_ms']:>7} ms  at {figures['achieved_rps']} of "
                  f"{figures['offered_rps']} req/s offered  non-2xx {figures['non2xx']}")
            return
        print(f"{name:<16} p50 {figures['p50_ms']:>7} ms  p95 {figures['p95_ms']:>7} ms  "
              f"p99 {figures['p99_ms']:>7} ms  {figures['rps']:>9} req/s  errors {figures['errors']}"
              + (f"  server CPU {figures['server_cpu_us_per_request']} us/request"
                 if "server_cpu_us_per_request" in figures else ""))

    for name, figures in results.items():
        line(name, figures)
    print(f"outcome PUT / static = {ratio}; server RSS {memory.get('VmRSS')} MB "
          f"(peak {memory.get('VmHWM')} MB)")
    checks = {"memory": (memory.get("VmHWM") or 0) <= GOALS["rss_mb"]}
    if "today" in results:
        checks["today_p95"] = results["today"]["p95_ms"] <= GOALS["today_p95_ms"]
    if ratio is not None:
        checks["outcome_ratio"] = ratio >= GOALS["outcome_vs_static"]
        checks["outcome_p99"] = results["outcome_put_64"]["p99_ms"] <= GOALS["outcome_p99_ms"]
    if "outcome_put_steady" in results:
        checks["steady_p99"] = results["outcome_put_steady"]["p99_ms"] <= GOALS["steady_p99_ms"]
    if "portal_list" in results:
        checks["portal_list_p95"] = results["portal_list"]["p95_ms"] <= GOALS["portal_list_p95_ms"]
    summary = {
        "benchmark": "scale",
        "seed": seed,
        "seconds": args.seconds,
        "only": sorted(only),
        **results,
        "outcome_vs_static": ratio,
        "rss_mb": memory.get("VmRSS"),
        "peak_rss_mb": memory.get("VmHWM"),
        "peak_rss_mb_after": phases,
        "rss_anon_mb": memory.get("RssAnon"),
        "rss_file_mb": memory.get("RssFile"),
        "not_measured": missing,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "goals": GOALS,
        "met": checks,
    }
    print(json.dumps(summary, separators=(",", ":")))


if __name__ == "__main__":
    main()
