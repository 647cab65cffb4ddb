#!/usr/bin/env python3
"""Accuracy of `tierwise run`'s behaviour_group and needs_type against the generator's truth.

Usage: python3 bench/verify/latent_recovery.py DATA_DIR RUN_DIR
Prints accuracy, the chance level (largest class share) and the confusion matrix for each label.
"""
import csv, gzip, sys, os, collections

data, run = sys.argv[1], sys.argv[2]
truth_path = os.path.join(data, "truth-customers.csv")
opener = gzip.open if not os.path.exists(truth_path) else open
truth_path = truth_path if os.path.exists(truth_path) else truth_path + ".gz"
truth = {}
with opener(truth_path, "rt", newline="") as handle:
    for row in csv.DictReader(handle):
        truth[row["customer_id"]] = (row["behaviour_group"], row["needs_type"])
pairs = {"behaviour_group": [], "needs_type": []}
with open(os.path.join(run, "customers.csv"), newline="") as handle:
    for row in csv.DictReader(handle):
        t = truth.get(row["customer_id"])
        if t:
            pairs["behaviour_group"].append((t[0], row["behaviour_group"]))
            pairs["needs_type"].append((t[1], row["needs_type"]))
for label, rows in pairs.items():
    n = len(rows)
    accuracy = sum(1 for a, b in rows if a == b) / n
    shares = collections.Counter(a for a, _ in rows)
    chance = max(shares.values()) / n
    agreement = sum((shares[k] / n) * (sum(1 for _, b in rows if b == k) / n) for k in shares)
    print(f"{label}: accuracy {accuracy:.3f} over {n} customers; majority-class chance {chance:.3f}, random-with-same-marginals {agreement:.3f}")
    confusion = collections.Counter(rows)
    labels = sorted(shares)
    print("  truth \\ predicted: " + ", ".join(labels))
    for a in labels:
        print(f"  {a:28s} " + " ".join(f"{confusion[(a, b)]:7d}" for b in labels))
