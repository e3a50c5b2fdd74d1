#!/usr/bin/env python3
"""Server-side latency of one endpoint between two /actuator/prometheus snapshots.

Usage: server_latency.py before.txt after.txt [/api/score]
Reads the http_server_requests_seconds histogram buckets (successful POSTs to the endpoint), subtracts
the first snapshot from the second and prints the count and the p50/p90/p99/p99.9 upper bounds: the time
from Tomcat handing over the request to the response being written, without the time a request waits
for a core before or after.
"""
import re
import sys

BUCKET = re.compile(r'http_server_requests_seconds_bucket\{(.*)\} (\S+)$')


def buckets(path, uri):
    counts = {}
    for line in open(path, encoding="utf-8"):
        match = BUCKET.match(line)
        if not match:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        if labels.get("uri") != uri or labels.get("status") != "200":
            continue
        upper = float("inf") if labels["le"] == "+Inf" else float(labels["le"])
        counts[upper] = counts.get(upper, 0) + float(match.group(2))
    return counts


def main():
    uri = sys.argv[3] if len(sys.argv) > 3 else "/api/score"
    before, after = buckets(sys.argv[1], uri), buckets(sys.argv[2], uri)
    cumulative = sorted((upper, after[upper] - before.get(upper, 0)) for upper in after)
    total = cumulative[-1][1] if cumulative else 0
    if total == 0:
        print(f"server side, {uri}: no requests")
        return
    quantiles = []
    for q in (0.5, 0.9, 0.99, 0.999):
        upper = next(u for u, c in cumulative if c >= q * total)
        quantiles.append(f"p{q * 100:g} <= {upper * 1000:.2f} ms")
    print(f"server side, {uri}: {int(total)} requests, " + ", ".join(quantiles))


if __name__ == "__main__":
    main()
