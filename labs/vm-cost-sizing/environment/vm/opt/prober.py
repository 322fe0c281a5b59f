#!/usr/bin/env python3
"""The prober: asks the read endpoint a dashboard's question once a second, for the whole lab.

Each probe asks for the oldest heartbeat sample the endpoint can see
(tfirst_over_time(lab_writer_heartbeat[30d])), so a read answered by a VictoriaMetrics that lacks
the history shows up as well as a read that fails. Consecutive probes with the same outcome are
kept as one run. GET /status returns them all as JSON.
"""
import argparse
import base64
import http.server
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERY = "tfirst_over_time(lab_writer_heartbeat[30d])"


class Record:
    def __init__(self):
        self.lock = threading.Lock()
        self.started = time.time()
        self.probes = 0
        self.failures = 0
        self.runs = []

    def add(self, t, ok, oldest, error):
        with self.lock:
            self.probes += 1
            if not ok:
                self.failures += 1
            last = self.runs[-1] if self.runs else None
            if last and last["ok"] == ok and last["oldest"] == oldest and last["error"] == error:
                last["to"] = t
                last["count"] += 1
            else:
                self.runs.append({"from": t, "to": t, "count": 1, "ok": ok, "oldest": oldest, "error": error})
                if len(self.runs) > 5000:  # keep memory bounded: fold the oldest two runs' counts together
                    first = self.runs.pop(0)
                    self.runs[0]["from"] = first["from"]

    def status(self):
        with self.lock:
            return {"startedAt": self.started, "probes": self.probes, "failures": self.failures, "query": QUERY, "runs": list(self.runs)}


def probe(target, auth, timeout):
    url = f"{target}/api/v1/query?" + urllib.parse.urlencode({"query": QUERY, "nocache": "1"})
    request = urllib.request.Request(url, headers={"Authorization": auth})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.load(response)
    except urllib.error.HTTPError as e:
        return False, None, f"HTTP {e.code}"
    except Exception as e:  # connection refused, timeout, bad JSON
        return False, None, type(e).__name__ + ": " + str(getattr(e, "reason", e))[:120]
    if body.get("status") != "success":
        return False, None, "status " + str(body.get("status"))
    values = [float(r["value"][1]) for r in body.get("data", {}).get("result", [])]
    return True, (min(values) if values else None), None


def loop(record, target, auth, interval):
    next_at = time.monotonic()
    while True:
        t = time.time()
        ok, oldest, error = probe(target, auth, timeout=10)
        record.add(round(t, 3), ok, oldest, error)
        next_at += interval
        delay = next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            next_at = time.monotonic()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", required=True)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--port", type=int, default=9200)
    parser.add_argument("--user", default="dashboards:dashboards", help="basic auth user:password for vmauth")
    args = parser.parse_args()
    auth = "Basic " + base64.b64encode(args.user.encode()).decode()
    record = Record()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] != "/status":
                self.send_error(404, "only /status is served")
                return
            body = json.dumps(record.status()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    threading.Thread(target=loop, args=(record, args.target, auth, args.interval), daemon=True).start()
    print(f"prober: querying {args.target} every {args.interval}s; status on :{args.port}/status", flush=True)
    http.server.ThreadingHTTPServer(("0.0.0.0", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
