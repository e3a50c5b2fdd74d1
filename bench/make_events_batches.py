#!/usr/bin/env python3
"""The batches of bench/events.sh and bench/events_kafka.sh: 100 000 customers B-0 to B-99999, as JSON.

Usage: make_events_batches.py DIR
  first.json   every customer Cold (far from a purchase);
  second.json  B-90000 to B-99999 Hot: 10 000 move into Hot;
  third.json   those still Hot, and B-0 to B-9999 Hot too: 10 000 more move into Hot, no other change.
"""
import json
import sys

COLD = {"days_since_last_contact": 300, "total_contacts": 1, "total_spent": 10, "emails_sent": 20,
        "emails_opened": 0, "website_visits": 0, "customer_age_days": 2000}
HOT = {"days_since_last_contact": 2, "total_contacts": 20, "total_spent": 4000, "emails_sent": 10,
       "emails_opened": 9, "website_visits": 40, "customer_age_days": 200}

work = sys.argv[1]
for name, hot in (("first", lambda i: False), ("second", lambda i: i >= 90000),
                  ("third", lambda i: i < 10000 or i >= 90000)):
    with open(f"{work}/{name}.json", "w") as out:
        json.dump({"clients": [dict(HOT if hot(i) else COLD, customer_id=f"B-{i}") for i in range(100000)]}, out)
