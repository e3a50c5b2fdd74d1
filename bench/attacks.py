"""Load shapes of the hardening issue, against a service on localhost (stdlib only).

  python3 bench/attacks.py probes PORT BATCH_FILE SECONDS
      four clients post BATCH_FILE in a loop while a fifth times /actuator/health/liveness and /api/score
      every 50 ms: prints the probes' median, p99 and worst latency, and the batches completed.
  python3 bench/attacks.py stalled PORT BATCH_FILE CONNECTIONS SECONDS
      CONNECTIONS uploads of BATCH_FILE that send all but its last 1 000 bytes at once, then one space every
      15 s; meanwhile liveness is timed every 500 ms. Prints the answers the uploads got and the probes.
"""
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time

CUSTOMER = (b'{"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.5, '
            b'"emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}')


def timed_get(port, path, method="GET", body=None):
    start = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("localhost", port, timeout=60)
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        status = connection.getresponse().status
        connection.close()
    except OSError as error:
        status = type(error).__name__
    return time.perf_counter() - start, status


def summary(name, samples):
    times = sorted(t for t, _ in samples)
    statuses = {}
    for _, status in samples:
        statuses[status] = statuses.get(status, 0) + 1
    if not times:
        print(f"{name}: no samples")
        return
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    print(f"{name}: {len(times)} probes, median {1000 * statistics.median(times):.1f} ms, "
          f"p99 {1000 * p99:.1f} ms, worst {1000 * times[-1]:.1f} ms, statuses {statuses}")


def probes(port, batch_file, seconds):
    stop = time.time() + seconds
    done = []

    def batches():
        # curl, not this process: the probes' timings must not wait for this interpreter's lock.
        while time.time() < stop:
            start = time.perf_counter()
            result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                                     "--data-binary", "@" + batch_file, f"http://localhost:{port}/api/batch_score"],
                                    capture_output=True, text=True)
            done.append((time.perf_counter() - start, result.stdout))

    workers = [threading.Thread(target=batches) for _ in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(1)
    liveness, scores = [], []
    while time.time() < stop:
        liveness.append(timed_get(port, "/actuator/health/liveness"))
        scores.append(timed_get(port, "/api/score", "POST", CUSTOMER))
        time.sleep(0.05)
    for worker in workers:
        worker.join()
    summary("liveness during 4 concurrent batches", liveness)
    summary("/api/score during 4 concurrent batches", scores)
    summary("batches", done)


def stalled(port, batch_file, connections, seconds):
    body = open(batch_file, "rb").read()
    head = (f"POST /api/batch_score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    answers = {}
    lock = threading.Lock()
    stop = time.time() + seconds

    def upload():
        status = "no answer"
        try:
            sock = socket.create_connection(("localhost", port), timeout=seconds + 30)
            sock.sendall(head + body[:-1000])
            sock.settimeout(15)
            while time.time() < stop:
                try:
                    data = sock.recv(200)
                    status = data.split(b" ")[1].decode() if data else "closed"
                    break
                except socket.timeout:
                    sock.sendall(b" ")
            sock.close()
        except OSError as error:
            status = type(error).__name__
        with lock:
            answers[status] = answers.get(status, 0) + 1

    uploads = [threading.Thread(target=upload) for _ in range(connections)]
    for thread in uploads:
        thread.start()
    liveness = []
    while time.time() < stop:
        liveness.append(timed_get(port, "/actuator/health/liveness"))
        time.sleep(0.5)
    for thread in uploads:
        thread.join()
    print(f"{connections} stalled uploads of {len(body) / 1e6:.1f} MB, answers within {seconds} s: {answers}")
    summary("liveness meanwhile", liveness)


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "probes":
        probes(port, sys.argv[3], float(sys.argv[4]))
    else:
        stalled(port, sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
