"""Writes a batch_score body of N random customers: python3 bench/make_batch.py N FILE."""
import json
import random
import sys

count, path = int(sys.argv[1]), sys.argv[2]
random.seed(count)
with open(path, "w") as out:
    out.write('{"clients":[')
    for i in range(count):
        sent = random.randint(0, 60)
        if i:
            out.write(",")
        out.write(json.dumps({
            "customer_id": i, "days_since_last_contact": random.randint(0, 300),
            "total_contacts": random.randint(0, 40), "total_spent": round(random.uniform(0, 4000), 2),
            "emails_sent": sent, "emails_opened": random.randint(0, sent),
            "website_visits": random.randint(0, 80), "customer_age_days": random.randint(1, 3000)}))
    out.write("]}")
