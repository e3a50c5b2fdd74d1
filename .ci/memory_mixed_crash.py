"""One round of the memory's mixed-load crash check (.ci/memory-crash-check.sh, on PostgreSQL).

  load PORT PID STATE ADMIN_KEY ROUND: four clients send JSON and CSV batches, single scores, outcomes and erasures
      at once; after a random 1 to 4 s the service (PID) is killed with kill -9. What was answered 2xx before the kill
      is added to the STATE file.
  verify PORT STATE ADMIN_KEY: after the restart, every outcome answered 200 must be read back, a sample of every
      batch answered 200 must be there, and every customer whose erasure answered 204 must be gone (one whose
      erasure was sent but not answered before the kill may be either).

Before 60c818d, two outcomes posted at once for the same customer, outcome and day answered 500; the script fails on
any 5xx of POST /api/outcomes.
"""
import http.client
import json
import os
import random
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HEADER = ("N° client;Jours depuis le dernier contact;Nb contacts;Montant dépensé (€);E-mails envoyés;"
          "Emails ouverts;Visites site;Ancienneté (jours)")


def call(port, method, path, body=None, content_type=None, key=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    if key:
        request.add_header("X-API-Key", key)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def profile(rnd):
    sent = rnd.randint(0, 60)
    return dict(days_since_last_contact=rnd.randint(0, 300), total_contacts=rnd.randint(0, 40),
                total_spent=round(rnd.uniform(0, 4000), 2), emails_sent=sent, emails_opened=rnd.randint(0, sent),
                website_visits=rnd.randint(0, 80), customer_age_days=rnd.randint(1, 3000))


def french_csv(customers):
    lines = [HEADER]
    for c in customers:
        lines.append(";".join([c["customer_id"], str(c["days_since_last_contact"]), str(c["total_contacts"]),
                               f"{c['total_spent']:.2f}".replace(".", ","), str(c["emails_sent"]),
                               str(c["emails_opened"]), str(c["website_visits"]), str(c["customer_age_days"])]))
    return ("\r\n".join(lines) + "\r\n").encode("windows-1252")


def load(port, pid, state_file, key, round_):
    state = json.load(open(state_file)) if os.path.exists(state_file) else {"batches": [], "outcomes": [], "erased": [],
                                                                          "erasing": []}
    rnd = random.Random()
    lock = threading.Lock()
    stopped = threading.Event()
    known = [i for batch in state["batches"] for i in batch if i not in state["erasing"]]

    def client(worker):
        k = 0
        while not stopped.is_set():
            k += 1
            kind = rnd.choice(["json", "csv", "outcomes", "outcomes", "erase", "score"])
            with lock:
                sample = rnd.sample(known, min(len(known), 300))
            if kind in ("json", "csv"):
                ids = [f"MIX{round_}-{worker}-{k}-{i}" for i in range(rnd.choice([5, 500, 2500]))]
                customers = [dict(customer_id=i, **profile(rnd)) for i in ids]
                if kind == "json":
                    status, _ = call(port, "POST", "/api/batch_score?view=compact",
                                     json.dumps({"clients": customers}).encode(), "application/json")
                else:
                    status, _ = call(port, "POST", "/api/batch_score?view=compact", french_csv(customers),
                                     "text/csv")
                with lock:
                    if status == 200 and not stopped.is_set():
                        state["batches"].append(rnd.sample(ids, min(len(ids), 20)))
                        known.extend(ids[:50])
            elif kind == "score":
                call(port, "POST", "/api/score",
                     json.dumps(dict(customer_id=f"MIX{round_}-S{worker}-{k}", **profile(rnd))).encode(),
                     "application/json")
            elif kind == "outcomes" and sample:
                day = f"2026-11-{rnd.randint(1, 28):02d}"
                items = [dict(customer_id=i, outcome=rnd.choice(["converted", "lost"]), at=day) for i in sample]
                status, body = call(port, "POST", "/api/outcomes?invalid=skip", json.dumps(items).encode(),
                                    "application/json", key)
                if status >= 500:
                    sys.exit(f"memory crash check FAILED: POST /api/outcomes answered {status}: {body[:300]!r}")
                with lock:
                    if status == 200 and not stopped.is_set():
                        state["outcomes"].extend([i["customer_id"], i["outcome"], day] for i in items)
            elif kind == "erase" and sample:
                victim = sample[0]
                with lock:
                    known.remove(victim) if victim in known else None
                    # Sent: it may be done before the kill even if its 204 never comes.
                    state["erasing"].append(victim)
                status, _ = call(port, "DELETE", "/api/leads/" + urllib.parse.quote(victim, safe=""), key=key)
                with lock:
                    if status == 204 and not stopped.is_set():
                        state["erased"].append(victim)

    def guarded(worker):
        try:
            client(worker)
        except (OSError, http.client.HTTPException):
            pass  # the service killed under the request

    workers = [threading.Thread(target=guarded, args=(w,), daemon=True) for w in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(rnd.uniform(1.0, 4.0))
    with lock:
        stopped.set()
        os.kill(pid, signal.SIGKILL)
    for worker in workers:
        worker.join(timeout=130)
    json.dump(state, open(state_file, "w"))
    print(f"memory crash check: mixed load round {round_}: {len(state['batches'])} batches,"
          f" {len(state['outcomes'])} outcomes, {len(state['erased'])} erasures answered so far, then kill -9")


def verify(port, state_file, key):
    state = json.load(open(state_file))
    # Every customer whose erasure was sent may be gone; those whose erasure answered 204 must be.
    erased = set(state["erasing"])
    outcomes = {}
    for customer, outcome, day in state["outcomes"]:
        outcomes.setdefault(customer, {}).setdefault(outcome, set()).add(day)
    for batch in state["batches"]:
        for customer in batch:
            if customer in erased:
                continue
            status, body = call(port, "GET", "/api/leads/" + urllib.parse.quote(customer, safe="") + "?limit=1")
            if status != 200:
                sys.exit(f"memory crash check FAILED: {customer}, answered 200 in a batch, reads {status}")
    for customer, expected in outcomes.items():
        if customer in erased:
            continue
        status, body = call(port, "GET", "/api/leads/" + urllib.parse.quote(customer, safe="") + "?limit=1")
        got = [o["outcome"] for o in json.loads(body)["outcomes"]] if status == 200 else []
        for outcome, days in expected.items():
            if got.count(outcome) < len(days):
                sys.exit(f"memory crash check FAILED: {customer}: {outcome} on {sorted(days)} answered 200,"
                         f" {got.count(outcome)} read back")
    for customer in state["erased"]:
        status, _ = call(port, "GET", "/api/leads/" + urllib.parse.quote(customer, safe=""))
        if status != 404:
            sys.exit(f"memory crash check FAILED: {customer}, erased (204), reads {status}")


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
    else:
        verify(int(sys.argv[2]), sys.argv[3], sys.argv[4])
