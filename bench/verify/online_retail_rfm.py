#!/usr/bin/env python3
"""Independent RFM / ABC / segment reference for Online Retail, written without Tierwise code.

Implements the documented rules (docs/classification.md, docs/indicators.md) with Python's csv
module: clean purchase rows (customer id, not a C invoice, quantity > 0, price > 0; duplicates kept);
order lines merged per customer when consecutive rows of a customer share invoice and day;
cancellations (C invoices with a customer id, amount |q*p|) taken, in file order after all rows are
read, off the customer's latest purchase day on or before the cancellation whose revenue covers it
(a day falling to <= 0.005 is removed with its orders). As of the newest date, RFM window 365 days.
Usage: python3 bench/verify/online_retail_rfm.py SHARED_DATA_DIR OUT.csv
Writes customer_id, recency_days, frequency, monetary, abc_class, rfm_score, rfm_segment and prints
ABC shares and segment counts.
"""
import csv, glob, gzip, os, sys, datetime, bisect, math, collections

shared, out_path = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(shared, "online-retail", "by-day", "*.csv.gz")))
cust = {}  # id -> {"days": [], "rev": [], "orders": [], "last": (inv, day)}
cancels = []
newest = None
def epoch(d):
    return datetime.date.fromisoformat(d).toordinal()
for path in files:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for inv, code, desc, qty, date, price, cid, country in reader:
            day = epoch(date[:10])
            newest = day if newest is None or day > newest else newest
            cid = cid[:-2] if cid.endswith(".0") else cid
            if not cid:
                continue
            q = float(qty); p = float(price); amount = q * p
            if inv.startswith("C"):
                if amount != 0:
                    cancels.append((cid, day, abs(amount)))
                continue
            if amount <= 0 or q <= 0:
                continue
            c = cust.setdefault(cid, {"days": [], "rev": [], "orders": [], "last": None})
            i = bisect.bisect_left(c["days"], day)
            if i == len(c["days"]) or c["days"][i] != day:
                c["days"].insert(i, day); c["rev"].insert(i, 0.0); c["orders"].insert(i, 0)
            c["rev"][i] += amount
            if c["last"] != (inv, day):
                c["orders"][i] += 1
            c["last"] = (inv, day)
for cid, day, amount in cancels:
    c = cust.get(cid)
    if not c:
        continue
    i = bisect.bisect_right(c["days"], day) - 1
    while i >= 0:
        if c["rev"][i] + 1e-9 >= amount:
            c["rev"][i] -= amount
            if c["rev"][i] <= 0.005:
                del c["days"][i]; del c["rev"][i]; del c["orders"][i]
            break
        i -= 1
rows = []
window_from = newest - 365 + 1
for cid, c in cust.items():
    if not c["days"]:
        continue
    f = sum(o for d, o in zip(c["days"], c["orders"]) if d >= window_from)
    m = round(sum(r for d, r in zip(c["days"], c["rev"]) if d >= window_from), 2)
    rows.append([cid, newest - c["days"][-1], f, m])
# ABC on monetary: A while customers strictly above hold < 70 %, B < 90 %, ties share a class
positive = sorted((r[3] for r in rows if r[3] > 0), reverse=True)
total = sum(positive)
klass = {}
above = 0.0; i = 0
while i < len(positive):
    v = positive[i]; group = 0.0
    while i < len(positive) and positive[i] == v:
        group += v; i += 1
    klass[v] = "A" if above < 0.7 * total else "B" if above < 0.9 * total else "C"
    above += group
# RFM quintiles: cut k = value at rank ceil(k*n/5) ascending; f,m = 1 + #cuts below; r = 5 - #cuts below
def cuts(values):
    s = sorted(values); n = len(s)
    return [s[max(0, math.ceil(k * n / 5) - 1)] for k in range(1, 5)]
rc, fc, mc = cuts([r[1] for r in rows]), cuts([r[2] for r in rows]), cuts([r[3] for r in rows])
def segment(r, f, m):
    fm = (f + m) / 2
    if r >= 4 and fm >= 4: return "champions"
    if (r == 3 and fm >= 3) or (r == 4 and 3 <= fm < 4): return "loyal"
    if (r == 5 and 2 <= fm < 4) or (r == 4 and 2 <= fm < 3): return "potential_loyalist"
    if r == 5 and fm < 2: return "new_customers"
    if r == 4 and fm < 2: return "promising"
    if r == 3 and 2 <= fm < 3: return "need_attention"
    if (r == 3 and fm < 2) or (r == 2 and 2 <= fm < 3): return "about_to_sleep"
    if r <= 2 and 3 <= fm < 4.5: return "at_risk"
    if r <= 2 and fm >= 4.5: return "cant_lose_them"
    if (r == 2 and fm < 2) or (r == 1 and 2 <= fm < 3): return "hibernating"
    return "lost"
segments = collections.Counter(); classes = collections.Counter(); class_value = collections.Counter()
with open(out_path, "w", newline="") as handle:
    w = csv.writer(handle, lineterminator="\n")
    w.writerow(["customer_id", "recency_days", "frequency", "monetary", "abc_class", "rfm_score", "rfm_segment"])
    for cid, rec, f, m in sorted(rows):
        a = klass.get(m, "C") if m > 0 else "C"
        rs = 5 - sum(1 for c in rc if rec > c); fs = 1 + sum(1 for c in fc if f > c); ms = 1 + sum(1 for c in mc if m > c)
        seg = segment(rs, fs, ms)
        segments[seg] += 1; classes[a] += 1; class_value[a] += max(m, 0)
        w.writerow([cid, rec, f, f"{m:.2f}", a, f"{rs}{fs}{ms}", seg])
print("as of", datetime.date.fromordinal(newest), "customers with purchases", len(rows))
print("cut points r", rc, "f", fc, "m", mc)
for a in "ABC":
    print(f"class {a}: {classes[a]} customers, {class_value[a] / total:.4f} of monetary")
for s, n in sorted(segments.items()):
    print(f"segment {s}: {n}")
