#!/usr/bin/env python3
"""Independent count of the Online Retail data's problems, written without any Tierwise code.

Reads ../shared/data/online-retail/by-day/*.csv.gz with Python's csv module and prints the counts
that `tierwise validate --mapping examples/online-retail/mapping.yaml` must report, plus per-customer
RFM reference values (as of the newest invoice date) to compare with `tierwise run`.
Usage: python3 bench/verify/online_retail_counts.py [SHARED_DIR] [--rfm OUT.csv]
"""
import csv, glob, gzip, io, sys, os, collections, datetime

shared = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")
rfm_out = sys.argv[sys.argv.index("--rfm") + 1] if "--rfm" in sys.argv else None
files = sorted(glob.glob(os.path.join(shared, "data", "online-retail", "by-day", "*.csv.gz")))
rows = 0
missing_id = 0
cancel_rows = 0
cancel_with_id = 0
qty_nonpos = 0
qty_nonpos_all = 0
price_nonpos = 0
amount_nonpos = 0
price_zero = 0
price_neg = 0
seen = set()
duplicates = 0
purchases = 0
customers = set()
purchase_customers = set()
first_reject = collections.Counter()
per_customer = collections.defaultdict(lambda: {"invoices": [], "revenue": 0.0, "days": set()})
newest = None
for path in files:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for row in reader:
            rows += 1
            inv, code, desc, qty, date, price, cid, country = row
            key = tuple(row)
            dup = key in seen
            seen.add(key)
            if dup:
                duplicates += 1
            q = int(qty); p = float(price)
            cid = cid[:-2] if cid.endswith(".0") else cid
            if cid == "":
                missing_id += 1
            if inv.startswith("C"):
                cancel_rows += 1
                if cid:
                    cancel_with_id += 1
            if q <= 0 and not inv.startswith("C"):
                qty_nonpos += 1
            if q <= 0:
                qty_nonpos_all += 1
            if p <= 0:
                price_nonpos += 1
            if q * p <= 0:
                amount_nonpos += 1
            if p == 0:
                price_zero += 1
            if p < 0:
                price_neg += 1
            if cid and not inv.startswith("C") and q > 0 and p > 0:
                purchases += 1
                c = per_customer[cid]
                if not c["invoices"] or c["invoices"][-1] != inv:
                    c["invoices"].append(inv)
                c["revenue"] += q * p
                d = date[:10]
                c["days"].add(d)
                purchase_customers.add(cid)
            if newest is None or date[:10] > newest:
                newest = date[:10]
print(f"files                          {len(files)}")
print(f"rows                           {rows}")
print(f"missing customer id            {missing_id}")
print(f"cancellation rows (C invoices) {cancel_rows}")
print(f"  of which with a customer id  {cancel_with_id}")
print(f"quantity <= 0 on non-C rows    {qty_nonpos}")
print(f"quantity <= 0 (all rows)       {qty_nonpos_all}")
print(f"unit price <= 0 (all rows)     {price_nonpos}")
print(f"quantity x price <= 0          {amount_nonpos}")
print(f"unit price = 0                 {price_zero}")
print(f"unit price < 0                 {price_neg}")
print(f"exact duplicate rows           {duplicates}")
print(f"clean purchase rows            {purchases}")
print(f"customers with a purchase      {len(purchase_customers)}")
print(f"newest date                    {newest}")
if rfm_out:
    asof = datetime.date.fromisoformat(newest)
    with open(rfm_out, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["customer_id", "recency_days", "frequency", "gross_revenue"])
        for cid in sorted(per_customer):
            c = per_customer[cid]
            last = max(c["days"])
            w.writerow([cid, (asof - datetime.date.fromisoformat(last)).days, len(set(c["invoices"])), round(c["revenue"], 2)])
