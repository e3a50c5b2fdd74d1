"""Writes a French CRM export of N random customers (semicolons, decimal commas, a name column, CUST-n ids,
Windows-1252): python3 bench/make_csv.py N FILE. The same customers as bench/make_batch.py N."""
import random
import sys

count, path = int(sys.argv[1]), sys.argv[2]
random.seed(count)
with open(path, "w", encoding="windows-1252", newline="") as out:
    out.write("nom;customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;"
              "website_visits;customer_age_days\r\n")
    for i in range(count):
        sent = random.randint(0, 60)
        days, contacts = random.randint(0, 300), random.randint(0, 40)
        spent = f"{random.uniform(0, 4000):.2f}".replace(".", ",")
        opened, visits, age = random.randint(0, sent), random.randint(0, 80), random.randint(1, 3000)
        out.write(f"Société {i};CUST-{i};{days};{contacts};{spent};{sent};{opened};{visits};{age}\r\n")
