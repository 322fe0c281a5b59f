#!/usr/bin/env python3
"""The lab's workload: pods of an imaginary fleet, each exposing 50 series, and a heartbeat.

  workload.py serve   [--series N] [--pod-lifetime S] [--port P]   expose /metrics for vmagent
  workload.py history --start S --end E [--step S] [--heartbeat-step S] [--series N] [--pod-lifetime S]
                      print the same series for the past, as /api/v1/import JSON lines

Every value is a pure function of (series, time), so the history and the live scrape agree.
Churn: every pod is replaced by a new one (new `pod` label, new series) once per --pod-lifetime
seconds, at a staggered moment, like a rolling deployment.
"""
import argparse
import http.server
import json
import math
import sys
import time

PATHS = ["/", "/login", "/search", "/cart", "/checkout", "/api/items", "/api/users", "/api/orders", "/static", "/health"]
CODES = ["200", "302", "404", "500"]
SERIES_PER_POD = len(PATHS) * len(CODES) + len(PATHS)  # 40 counters + 10 gauges
PODS_PER_APP = 20


def mix(*values):
    """A small deterministic integer hash (Python's hash() of strings changes between runs)."""
    h = 0x9E3779B9
    for v in values:
        h = ((h ^ (v & 0xFFFFFFFF)) * 0x85EBCA6B) & 0xFFFFFFFF
        h ^= h >> 13
        h = (h * 0xC2B2AE35) & 0xFFFFFFFF
        h ^= h >> 16
    return h


class Fleet:
    def __init__(self, series, lifetime):
        if series < SERIES_PER_POD:
            raise SystemExit(f"--series must be at least {SERIES_PER_POD}")
        if lifetime < 60:
            raise SystemExit("--pod-lifetime must be at least 60 seconds")
        self.pods = series // SERIES_PER_POD
        self.lifetime = lifetime
        self.labels = {}

    def offset(self, pod):
        return mix(pod, 1) % self.lifetime

    def generation(self, pod, t):
        return int((t + self.offset(pod)) // self.lifetime)

    def born(self, pod, gen):
        return gen * self.lifetime - self.offset(pod)

    def pod_name(self, pod, gen):
        return f"app-{pod // PODS_PER_APP:02d}-{mix(pod, gen, 7) % 0xFFFFF:05x}"

    def series(self, pod, gen):
        """[(name, labels dict, kind, parameter)] of one pod generation; cached."""
        key = (pod, gen)
        cached = self.labels.get(key)
        if cached is not None:
            return cached
        app = f"app-{pod // PODS_PER_APP:02d}"
        name = self.pod_name(pod, gen)
        out = []
        for p, path in enumerate(PATHS):
            for c, code in enumerate(CODES):
                share = (0.9, 0.05, 0.04, 0.01)[c]
                rate = (0.5 + mix(pod, p, c) % 1000 / 100) * share
                labels = {"app": app, "pod": name, "path": path, "code": code}
                out.append(("lab_http_requests_total", labels, "counter", rate))
            base = 0.01 + mix(pod, p, 99) % 200 / 1000
            out.append(("lab_http_request_duration_seconds", {"app": app, "pod": name, "path": path}, "gauge", base))
        if len(self.labels) > 4 * self.pods:
            self.labels.clear()
        self.labels[key] = out
        return out

    @staticmethod
    def value(kind, parameter, born, t, pod):
        if kind == "counter":
            return math.floor(parameter * (t - born))
        # a latency gauge that drifts slowly, in milliseconds resolution
        return round(parameter * (1 + 0.3 * math.sin(t / 600 + pod)), 3)


def text_line(name, labels, value):
    inner = ",".join(f'{k}="{v}"' for k, v in labels.items())
    return f"{name}{{{inner}}} {value}\n"


def serve(args):
    fleet = Fleet(args.series, args.pod_lifetime)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] != "/metrics":
                self.send_error(404, "only /metrics is served")
                return
            t = time.time()
            parts = []
            for pod in range(fleet.pods):
                gen = fleet.generation(pod, t)
                born = fleet.born(pod, gen)
                for name, labels, kind, parameter in fleet.series(pod, gen):
                    parts.append(text_line(name, labels, Fleet.value(kind, parameter, born, t, pod)))
            parts.append(f"lab_writer_heartbeat {math.floor(t)}\n")
            body = "".join(parts).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("0.0.0.0", args.port), Handler)
    print(f"workload: {fleet.pods} pods, {fleet.pods * SERIES_PER_POD + 1} series on :{args.port}/metrics", flush=True)
    server.serve_forever()


def history(args):
    fleet = Fleet(args.series, args.pod_lifetime)
    start, end, step = args.start, args.end, args.step
    if not (end > start and step > 0):
        raise SystemExit("history needs --end after --start and a positive --step")
    grid = list(range(math.ceil(start / step) * step, end + 1, step))
    out = sys.stdout
    write = out.write
    for pod in range(fleet.pods):
        first, last = fleet.generation(pod, start), fleet.generation(pod, end)
        for gen in range(first, last + 1):
            born = fleet.born(pod, gen)
            died = fleet.born(pod, gen + 1)
            times = [t for t in grid if born <= t < died]
            if not times:
                continue
            stamps = '"timestamps":[' + ",".join([str(t * 1000) for t in times]) + "]}\n"
            ages = [t - born for t in times]
            waves = [1 + 0.3 * math.sin(t / 600 + pod) for t in times]
            for name, labels, kind, parameter in fleet.series(pod, gen):
                # the same arithmetic as Fleet.value, inlined: this loop writes millions of samples
                if kind == "counter":
                    values = ",".join([str(math.floor(parameter * a)) for a in ages])
                else:
                    values = ",".join([repr(round(parameter * w, 3)) for w in waves])
                metric = {"__name__": name, "job": "workload", "instance": "workload:9100", **labels}
                write('{"metric":' + json.dumps(metric, separators=(",", ":")) + ',"values":[' + values + "]," + stamps)
    beats = list(range(math.ceil(start / args.heartbeat_step) * args.heartbeat_step, end + 1, args.heartbeat_step))
    metric = {"__name__": "lab_writer_heartbeat", "job": "workload", "instance": "workload:9100"}
    out.write(json.dumps({"metric": metric, "values": beats, "timestamps": [t * 1000 for t in beats]}, separators=(",", ":")))
    out.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("serve", "history"):
        p = sub.add_parser(name)
        p.add_argument("--series", type=int, default=20000)
        p.add_argument("--pod-lifetime", type=int, default=86400)
        if name == "serve":
            p.add_argument("--port", type=int, default=9100)
        else:
            p.add_argument("--start", type=int, required=True, help="unix seconds")
            p.add_argument("--end", type=int, required=True, help="unix seconds")
            p.add_argument("--step", type=int, default=60)
            p.add_argument("--heartbeat-step", type=int, default=10)
    args = parser.parse_args()
    serve(args) if args.command == "serve" else history(args)


if __name__ == "__main__":
    main()
