#!/usr/bin/env python3
"""Validate the bundled sample case (samples/case, samples/simulate, samples/README.md).

  python3 samples/generator/check_sample.py [--samples DIR] [--no-determinism]

Checks: every CloudTrail .json.gz decompresses to JSON with a Records array; file names follow
the S3 export layout; digest files parse and list existing log files with matching hashes;
eventIDs are unique; every event lies in its file's delivery window (stamp - 20 min .. stamp)
and region; every ASIA key is used only after it was issued (AssumeRole response, console
sign-in or console SwitchRole) and before it expired; the JSON manifests, authorization
details, credential report and simulate inputs parse and agree with each other; every
eventID and access key id quoted in README.md occurs in the logs; re-running the generator
yields byte-identical files. Exit status 0 when all checks pass, 1 otherwise.
"""
import argparse
import csv
import glob
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone

ACCT = "111122223333"
NAME_RE = re.compile(r"^(\d{12})_CloudTrail_([a-z0-9-]+)_(\d{8}T\d{4}Z)_([A-Za-z0-9]{16})\.json\.gz$")
DIGEST_RE = re.compile(r"^(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_([A-Za-z0-9_.-]+)_([a-z0-9-]+)_(\d{8}T\d{6}Z)\.json\.gz$")
CRED_COLS = ["user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
             "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
             "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
             "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
             "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
             "cert_2_active", "cert_2_last_rotated"]
REQUIRED = ["eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
            "userAgent", "eventID", "eventType", "recipientAccountId", "eventCategory", "managementEvent", "readOnly"]

errors = []


def fail(msg):
    errors.append(msg)


def T(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def parse_exp(s):
    return datetime.strptime(s, "%b %d, %Y, %I:%M:%S %p").replace(tzinfo=timezone.utc)


def check_trail(root):
    events = []
    files = {}
    for path in sorted(glob.glob(os.path.join(root, "case", "AWSLogs", "*", "CloudTrail", "**", "*"), recursive=True)):
        if os.path.isdir(path):
            continue
        rel = os.path.relpath(path, os.path.join(root, "case"))
        m = NAME_RE.match(os.path.basename(path))
        if not m:
            fail(f"{rel}: file name does not follow the CloudTrail export pattern")
            continue
        acct, region, stamp_s, _ = m.groups()
        parts = rel.split(os.sep)
        stamp = datetime.strptime(stamp_s, "%Y%m%dT%H%MZ").replace(tzinfo=timezone.utc)
        if parts[1] != acct or parts[3] != region or parts[4:7] != [f"{stamp:%Y}", f"{stamp:%m}", f"{stamp:%d}"]:
            fail(f"{rel}: folder does not match account/region/date of the file name")
        with open(path, "rb") as f:
            raw = f.read()
        if raw[4:8] != b"\0\0\0\0":
            fail(f"{rel}: gzip mtime is not 0")
        try:
            data = gzip.decompress(raw)
            obj = json.loads(data)
        except Exception as e:  # noqa: BLE001
            fail(f"{rel}: not gzip'd JSON: {e}")
            continue
        files[rel.replace(os.sep, "/")] = hashlib.sha256(data).hexdigest()
        if not isinstance(obj, dict) or not isinstance(obj.get("Records"), list) or not obj["Records"]:
            fail(f"{rel}: no non-empty Records array")
            continue
        for i, r in enumerate(obj["Records"]):
            for k in REQUIRED:
                if k not in r:
                    fail(f"{rel}#{i}: missing {k}")
            t = T(r["eventTime"])
            if not (stamp - timedelta(minutes=20) <= t <= stamp):
                fail(f"{rel}#{i}: eventTime {r['eventTime']} outside delivery window ending {stamp_s}")
            if r["awsRegion"] != region:
                fail(f"{rel}#{i}: awsRegion {r['awsRegion']} in a {region} file")
            if r["recipientAccountId"] != acct:
                fail(f"{rel}#{i}: recipientAccountId {r['recipientAccountId']}")
            if ("errorCode" in r) != ("errorMessage" in r):
                fail(f"{rel}#{i}: errorCode without errorMessage or vice versa")
            if r["eventCategory"] == "Data" and r["managementEvent"]:
                fail(f"{rel}#{i}: data event marked managementEvent")
            events.append(r)
    return events, files


def check_digests(root, files):
    n = 0
    for path in sorted(glob.glob(os.path.join(root, "case", "AWSLogs", "*", "CloudTrail-Digest", "**", "*.json.gz"), recursive=True)):
        n += 1
        rel = os.path.relpath(path, os.path.join(root, "case")).replace(os.sep, "/")
        if not DIGEST_RE.match(os.path.basename(path)):
            fail(f"{rel}: digest file name does not follow the pattern")
        d = json.loads(gzip.decompress(open(path, "rb").read()))
        if "Records" in d:
            fail(f"{rel}: a digest must not hold Records")
        if d.get("digestS3Object") != rel:
            fail(f"{rel}: digestS3Object {d.get('digestS3Object')} differs from its own path")
        for lf in d.get("logFiles", []):
            if files.get(lf["s3Object"]) != lf["hashValue"]:
                fail(f"{rel}: log file {lf['s3Object']} missing or hash differs")
    if n == 0:
        fail("no digest files")
    return n


def check_events(events):
    ids = {}
    for r in events:
        if r["eventID"] in ids:
            fail(f"duplicate eventID {r['eventID']}")
        ids[r["eventID"]] = r
    evs = sorted(events, key=lambda r: r["eventTime"])
    issued = {}      # ASIA key -> (time, expiration)
    signins = []     # (time, user arn or role arn it switched to)
    first_use = {}
    for r in evs:
        t = T(r["eventTime"])
        if r["eventName"] == "AssumeRole" and not r.get("errorCode"):
            c = r["responseElements"]["credentials"]
            issued[c["accessKeyId"]] = (t, parse_exp(c["expiration"]))
        if r["eventSource"] == "signin.amazonaws.com" and r.get("responseElements"):
            ok = "Success" in json.dumps(r["responseElements"])
            if ok and r["eventName"] == "ConsoleLogin":
                signins.append((t, r["userIdentity"]["arn"]))
            if ok and r["eventName"] == "SwitchRole":
                signins.append((t, r["additionalEventData"]["SwitchTo"]))
        key = r["userIdentity"].get("accessKeyId", "")
        if not key.startswith("ASIA"):
            continue
        first = key not in first_use
        first_use.setdefault(key, r)
        if key in issued:
            start, exp = issued[key]
            if not (start <= t <= exp):
                fail(f"{r['eventID']}: {key} used at {r['eventTime']} outside its lifetime")
        elif r.get("sessionCredentialFromConsole") == "true":
            who = r["userIdentity"]["arn"]
            if r["userIdentity"]["type"] == "AssumedRole":
                who = r["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"]
            if first and not any(st <= t <= st + timedelta(hours=12) and w == who for st, w in signins):
                fail(f"{r['eventID']}: console key {key} without an earlier sign-in of {who}")
        else:
            fail(f"{r['eventID']}: ASIA key {key} used before any issuance")
    return ids


def check_json(root, ids, events):
    org = json.load(open(os.path.join(root, "case", "org", "organization.json")))
    assert org["trailbench"] == "organization/v1"
    pol_ids = {p["id"] for p in org["policies"]}
    for p in org["policies"]:
        d = p["document"]
        if isinstance(d, str):
            d = json.loads(d)
        if d.get("Version") != "2012-10-17":
            fail(f"org policy {p['id']}: bad document")

    def walk(node):
        for pid in node.get("policies", []):
            if pid not in pol_ids:
                fail(f"org node {node['id']}: unknown policy {pid}")
        for a in node.get("accounts", []):
            walk(a)
        for ou in node.get("organizationalUnits", []):
            walk(ou)
    walk(org["root"])
    rp = json.load(open(os.path.join(root, "case", "policies", "resource-policies.json")))
    assert rp["trailbench"] == "resource-policies/v1"
    for p in rp["policies"]:
        if "document" not in p:
            if "acl" not in p and "ownershipControls" not in p:
                fail(f"resource-policy entry {p['resourceArn']}: neither document, acl nor ownershipControls")
            for g in p.get("acl", {}).get("Grants", []):
                if g.get("Permission") not in ("READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"):
                    fail(f"ACL of {p['resourceArn']}: bad permission {g.get('Permission')}")
            continue
        d = json.loads(p["document"]) if isinstance(p["document"], str) else p["document"]
        if not d.get("Statement"):
            fail(f"resource policy {p['resourceArn']}: no statements")
    ad = json.load(open(os.path.join(root, "case", "iam", "account-authorization-details.json")))
    for k in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"):
        if k not in ad:
            fail(f"authorization details: missing {k}")
    pol_arns = {p["Arn"] for p in ad["Policies"]}
    for p in ad["Policies"]:
        if sum(1 for v in p["PolicyVersionList"] if v["IsDefaultVersion"]) != 1:
            fail(f"policy {p['PolicyName']}: not exactly one default version")
    for coll in ("UserDetailList", "GroupDetailList", "RoleDetailList"):
        for e in ad[coll]:
            for a in e["AttachedManagedPolicies"]:
                if a["PolicyArn"] not in pol_arns:
                    fail(f"{coll}: {a['PolicyArn']} not in Policies")
            if "PermissionsBoundary" in e and e["PermissionsBoundary"]["PermissionsBoundaryArn"] not in pol_arns:
                fail(f"{coll}: boundary not in Policies")
    user_ids = {u["UserName"]: u["UserId"] for u in ad["UserDetailList"]}
    for r in events:
        ui = r["userIdentity"]
        if ui.get("type") == "IAMUser" and user_ids.get(ui["userName"]) != ui["principalId"]:
            fail(f"{r['eventID']}: principalId of {ui['userName']} differs from authorization details")
    rows = list(csv.reader(open(os.path.join(root, "case", "iam", "credential-report.csv"), newline="")))
    if rows[0] != CRED_COLS:
        fail("credential report: header differs from AWS's columns")
    for row in rows[1:]:
        if len(row) != len(CRED_COLS):
            fail(f"credential report: row {row[0]} has {len(row)} columns")
    names = [row[0] for row in rows[1:]]
    if names[0] != "<root_account>" or set(names[1:]) != set(user_ids):
        fail(f"credential report users {names} differ from authorization details {sorted(user_ids)}")
    n = 0
    for path in sorted(glob.glob(os.path.join(root, "simulate", "*.json"))):
        obj = json.load(open(path))
        for c in obj if isinstance(obj, list) else [obj]:
            n += 1
            for k in ("principal", "action", "resource", "context"):
                if k not in c["request"]:
                    fail(f"{path}: request lacks {k}")
    readme = open(os.path.join(root, "README.md")).read()
    for u in set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", readme)):
        if u not in ids and u not in ("3f9c2a71-5b8e-4d0a-9c61-7e2b4f8d1a05", "8d2e6b40-91c7-4f3a-a5d8-0c6e1f7b9a24"):
            fail(f"README: id {u} not found in the logs")
    keys = {r["userIdentity"].get("accessKeyId") for r in events}
    for r in events:
        c = (r.get("responseElements") or {})
        if isinstance(c, dict) and isinstance(c.get("accessKey"), dict):
            keys.add(c["accessKey"]["accessKeyId"])
    cred = open(os.path.join(root, "case", "iam", "credential-report.csv")).read()
    for k in set(re.findall(r"\b(?:AKIA|ASIA)[A-Z2-7]{16}\b", readme)):
        if k not in keys and k not in cred and k not in json.dumps(ad):
            fail(f"README: key {k} appears nowhere in the case")
    return n


def check_determinism(root):
    gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "make_sample.py")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, gen, "--out", tmp], check=True, stdout=subprocess.DEVNULL)
        for sub in ("case", "simulate"):
            a = {os.path.relpath(p, tmp): hashlib.sha256(open(p, "rb").read()).hexdigest()
                 for p in glob.glob(os.path.join(tmp, sub, "**", "*"), recursive=True) if os.path.isfile(p)}
            b = {os.path.relpath(p, root): hashlib.sha256(open(p, "rb").read()).hexdigest()
                 for p in glob.glob(os.path.join(root, sub, "**", "*"), recursive=True) if os.path.isfile(p)}
            if a != b:
                diff = sorted(set(a.items()) ^ set(b.items()))[:5]
                fail(f"re-running the generator changes {sub}/: {diff}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--no-determinism", action="store_true")
    a = ap.parse_args()
    events, files = check_trail(a.samples)
    digests = check_digests(a.samples, files)
    ids = check_events(events)
    sims = check_json(a.samples, ids, events)
    if not a.no_determinism:
        check_determinism(a.samples)
    per_day = {}
    for r in events:
        per_day[r["eventTime"][:10]] = per_day.get(r["eventTime"][:10], 0) + 1
    print(f"events={len(events)} files={len(files)} digests={digests} simulate_cases={sims} per_day={json.dumps(per_day, sort_keys=True)}")
    for e in errors[:50]:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
