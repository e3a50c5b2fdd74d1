"""Attacks of the issue "Every new door defended", against a service on localhost (stdlib only).

  python3 bench/hostile.py digits PORT DIGITS
      one CSV batch whose amount cell holds DIGITS digits: prints the status, seconds and answer bytes.
  python3 bench/hostile.py digits-probes PORT DIGITS REQUESTS
      REQUESTS such batches at once while liveness is timed every 100 ms: prints the probes' worst latency.
  python3 bench/hostile.py trickle PORT CONNECTIONS SECONDS PID
      CONNECTIONS connections each announcing a 67 MB POST /api/score and sending one byte a second, for
      SECONDS; meanwhile liveness is timed every 500 ms and the server's heap (jcmd PID GC.heap_info) read at
      the end. Prints the connections still open, the answers they got, the probes and the heap.
  python3 bench/hostile.py per-mb PORT
      hostile bodies of tens of MB, each timed once: CSV rows of 99-digit amounts, JSON rows of 100-digit
      counts, and a call list of a thousand carried columns (?sort=score&columns=all, CSV out). Prints the
      status, seconds and seconds per MB.
  python3 bench/hostile.py slow-batches PORT SECONDS
      three batch uploads sending 90 bytes every 2 s, while a legitimate batch is tried every second: prints
      the legitimate batches' statuses.
"""
import http.client
import re
import selectors
import socket
import subprocess
import sys
import threading
import time

HEADER = b"customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;website_visits;customer_age_days\n"
JCMD = __import__("os").environ.get("JCMD", "jcmd")
CUSTOMER = (b'{"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.5, '
            b'"emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}')


def post(port, path, body, content_type, timeout=120):
    start = time.perf_counter()
    connection = http.client.HTTPConnection("localhost", port, timeout=timeout)
    connection.request("POST", path, body=body, headers={"Content-Type": content_type})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, time.perf_counter() - start, len(data)


def probe(port, path="/actuator/health/liveness", timeout=30):
    start = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("localhost", port, timeout=timeout)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
    except OSError as error:
        status = type(error).__name__
    return status, time.perf_counter() - start


def digits_body(digits):
    return HEADER + b"1;5;10;" + b"9" * digits + b";8;6;15;120\n"


def probes_while(port, running, every):
    samples = []
    while running.is_set():
        samples.append(probe(port))
        time.sleep(every)
    return samples


def report_probes(samples):
    times = sorted(t for _, t in samples)
    failures = sum(1 for status, _ in samples if status != 200)
    print(f"liveness probes: {len(samples)}, failed {failures}, median {times[len(times) // 2] * 1000:.1f} ms, "
          f"worst {times[-1] * 1000:.1f} ms")


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "digits":
        status, seconds, size = post(port, "/api/batch_score", digits_body(int(sys.argv[3])), "text/csv")
        print(f"{int(sys.argv[3])} digits: {status} in {seconds:.3f} s, answer {size} bytes")
    elif mode == "digits-probes":
        digits, requests = int(sys.argv[3]), int(sys.argv[4])
        running, samples = threading.Event(), []
        running.set()
        prober = threading.Thread(target=lambda: samples.extend(probes_while(port, running, 0.1)))
        prober.start()
        results = []
        def one():
            start = time.perf_counter()
            try:
                results.append(post(port, "/api/batch_score", digits_body(digits), "text/csv"))
            except OSError as error:
                results.append((type(error).__name__, time.perf_counter() - start, 0))
        threads = [threading.Thread(target=one) for _ in range(requests)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        running.clear()
        prober.join()
        print(f"{requests} x {digits} digits: " + ", ".join(f"{s} in {t:.2f} s" for s, t, _ in results))
        report_probes(samples)
    elif mode == "trickle":
        connections, seconds, pid = int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
        selector = selectors.DefaultSelector()
        sockets, answers, refused = [], {}, 0
        head = (b"POST /api/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                b"Content-Length: 67000000\r\n\r\n")
        for opened in range(connections):
            try:
                s = socket.create_connection(("localhost", port), timeout=5)
                s.sendall(head)
                s.setblocking(False)
                sockets.append(s)
                selector.register(s, selectors.EVENT_READ)
            except OSError:
                # The port no longer accepts: the rest would only wait as long.
                refused = connections - opened
                break
        running, samples = threading.Event(), []
        running.set()
        prober = threading.Thread(target=lambda: samples.extend(probes_while(port, running, 0.5)))
        prober.start()
        end = time.time() + seconds
        while time.time() < end:
            for s in list(sockets):
                try:
                    s.send(b" ")
                except OSError:
                    sockets.remove(s)
                    selector.unregister(s)
            deadline = time.time() + 1
            while time.time() < deadline:
                for key, _ in selector.select(timeout=max(0, deadline - time.time())):
                    try:
                        data = key.fileobj.recv(4096)
                    except OSError:
                        data = b""
                    if data.startswith(b"HTTP/1.1 "):
                        status = data[9:12].decode()
                        answers[status] = answers.get(status, 0) + 1
                    if not data:
                        selector.unregister(key.fileobj)
                        if key.fileobj in sockets:
                            sockets.remove(key.fileobj)
        heap = subprocess.run([JCMD, pid, "GC.heap_info"], capture_output=True, text=True).stdout
        used = re.search(r"used (\d+)K", heap)
        running.clear()
        prober.join()
        print(f"{connections} trickling connections for {seconds:.0f} s: {len(sockets)} still open, {refused} refused at "
              f"connect, answers {answers}, heap used {int(used.group(1)) // 1024 if used else '?'} MB")
        report_probes(samples)
        for s in sockets:
            s.close()
    elif mode == "per-mb":
        long_amounts = HEADER + b"".join(b"%d;5;10;%s;8;6;15;120\n" % (i, b"9" * 99) for i in range(99_000))
        json_numbers = b'{"clients": [' + b",".join(
            CUSTOMER.replace(b'"total_contacts": 10', b'"total_contacts": ' + b"1" * 100) for _ in range(100_000)) + b"]}"
        wide_header = HEADER.rstrip(b"\n") + b"".join(b";c%d" % c for c in range(1000)) + b"\n"
        wide_row = b";".join(b"v%d" % c for c in range(1000))
        wide = wide_header + b"".join(b"%d;%d;5;1500,50;8;%d;3;200;" % (i, i % 400, i % 9) + wide_row + b"\n" for i in range(6_000))
        for name, path, body, content_type, accept in [
                ("CSV, 99 000 rows of 99-digit amounts", "/api/batch_score", long_amounts, "text/csv", "application/json"),
                ("JSON, 100 000 rows of 100-digit counts", "/api/batch_score", json_numbers, "application/json", "application/json"),
                ("CSV call list, 1 000 carried columns", "/api/batch_score?sort=score&columns=all", wide, "text/csv", "text/csv")]:
            start = time.perf_counter()
            connection = http.client.HTTPConnection("localhost", port, timeout=300)
            connection.request("POST", path, body=body, headers={"Content-Type": content_type, "Accept": accept})
            response = connection.getresponse()
            size = len(response.read())
            seconds = time.perf_counter() - start
            megabytes = len(body) / 1e6
            print(f"{name}: {megabytes:.1f} MB -> {response.status} in {seconds:.2f} s ({seconds / megabytes * 1000:.0f} ms/MB), "
                  f"answer {size} bytes")
    elif mode == "slow-batches":
        seconds = float(sys.argv[3])
        head = (b"POST /api/batch_score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                b"Content-Length: 10000000\r\n\r\n{\"clients\": [")
        uploads = []
        for _ in range(3):
            s = socket.create_connection(("localhost", port))
            s.sendall(head)
            uploads.append(s)
        statuses, end, last_trickle = {}, time.time() + seconds, 0
        while time.time() < end:
            if time.time() - last_trickle >= 2:
                for s in list(uploads):
                    try:
                        s.send(b" " * 90)
                    except OSError:
                        uploads.remove(s)
                last_trickle = time.time()
            try:
                status, _, _ = post(port, "/api/batch_score", b'{"clients": [' + CUSTOMER + b"]}", "application/json", timeout=10)
            except OSError as error:
                status = type(error).__name__
            statuses[status] = statuses.get(status, 0) + 1
            time.sleep(1)
        print(f"legitimate batches during three slow uploads ({seconds:.0f} s): {statuses}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
