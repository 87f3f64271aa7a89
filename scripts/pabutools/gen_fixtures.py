#!/usr/bin/env python3
"""Expected outcomes from pabutools 1.2.3 for every Pabulib file and every rule it supports.

Writes crates/tally/tests/fixtures/expected.json, read by crates/tally/tests/pabutools.rs.
Each file is parsed once in a child process; each rule then runs under its own time limit
(SIGALRM), and a rule that runs out of time or that pabutools refuses is recorded as skipped with
the reason, so one slow run (Add1 on a citywide file takes hours) never stalls the rest.

    pip install pabutools==1.2.3
    python3 scripts/pabutools/gen_fixtures.py --timeout 60 --add1-max-bytes 1000000
    # later runs: --keep-done to only fill in missing files; --only FILE... to redo some;
    # --timeout 240 --rules greedy mes max-welfare --only Poland_Wroclaw_2015_150_-_500.pb

Rules (Rust name = key): greedy (Cost_Sat; u = points x cost for cumulative, i.e. by total
points), greedy-ratio (Cardinality_Sat), mes (Cost_Sat; Additive_Cardinal_Sat for cumulative),
mes-approval (Cardinality_Sat), mes-add1 (voter_budget_increment=1), mes-add1-greedy
(completion_by_rule_combination: Add1 then greedy), phragmen, max-welfare (PYTHONHASHSEED=0;
the test compares welfare, since optimal allocations can tie).
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_DIR = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "pabulib"))
OUT = os.path.join(ROOT, "crates", "tally", "tests", "fixtures", "expected.json")

RULES = [
    "greedy",
    "greedy-ratio",
    "mes",
    "mes-approval",
    "mes-add1",
    "mes-add1-greedy",
    "phragmen",
    "max-welfare",
]


def vote_type(path):
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            cells = line.strip().split(";")
            if cells[0].strip().lower() == "vote_type" and len(cells) > 1:
                return cells[1].strip().strip('"')
            if cells[0].strip().lower() == "projects":
                break
    return "approval"


def load(path):
    from pabutools.election import parse_pabulib, Cost_Sat, Additive_Cardinal_Sat
    from pabutools.election.satisfaction.additivesatisfaction import AdditiveSatisfaction
    from pabutools.election.ballot import AbstractCardinalBallot

    class Points_Cost_Sat(AdditiveSatisfaction):
        """u = points x cost: greedy by Cost_Sat density then orders by total points."""

        def __init__(self, instance, profile, ballot):
            AdditiveSatisfaction.__init__(
                self, instance, profile, ballot,
                lambda i, p, b, proj, pre: b.get(proj, 0) * proj.cost,
            )

    t0 = time.perf_counter()
    instance, profile = parse_pabulib(path)
    t_parse = time.perf_counter() - t0
    cardinal = isinstance(next(iter(profile), None), AbstractCardinalBallot)
    greedy_sat = Points_Cost_Sat if cardinal else Cost_Sat
    mes_sat = Additive_Cardinal_Sat if cardinal else Cost_Sat
    return instance, profile, t_parse, greedy_sat, mes_sat


def run_rule(loaded, rule):
    from pabutools.election import Cost_Sat, Cardinality_Sat
    from pabutools.rules import (
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
        max_additive_utilitarian_welfare,
        completion_by_rule_combination,
    )

    instance, profile, t_parse, greedy_sat, mes_sat = loaded
    t0 = time.perf_counter()
    extra = {}
    if rule == "greedy":
        out = greedy_utilitarian_welfare(instance, profile, sat_class=greedy_sat)
    elif rule == "greedy-ratio":
        out = greedy_utilitarian_welfare(instance, profile, sat_class=Cardinality_Sat)
    elif rule == "mes":
        out = method_of_equal_shares(instance, profile, sat_class=mes_sat)
    elif rule == "mes-approval":
        out = method_of_equal_shares(instance, profile, sat_class=Cardinality_Sat)
    elif rule == "mes-add1":
        out = method_of_equal_shares(
            instance, profile, sat_class=mes_sat, voter_budget_increment=1
        )
    elif rule == "mes-add1-greedy":
        out = completion_by_rule_combination(
            instance,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [
                {"sat_class": mes_sat, "voter_budget_increment": 1},
                {"sat_class": greedy_sat},
            ],
        )
    elif rule == "phragmen":
        out = sequential_phragmen(instance, profile)
    elif rule == "max-welfare":
        out = max_additive_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
        # Cost_Sat welfare = sum over selected p of cost(p) * #ballots containing p.
        counts = {}
        for b in profile:
            for p in b:
                counts[p.name] = counts.get(p.name, 0) + profile.multiplicity(b)
        welfare = sum(p.cost * counts.get(p.name, 0) for p in out)
        extra["welfare"] = str(welfare)
    else:
        raise ValueError(rule)
    t_rule = time.perf_counter() - t0
    res = {
        "selected": [p.name for p in out],
        "spent": str(sum(p.cost for p in out)),
        "parse_seconds": round(t_parse, 3),
        "rule_seconds": round(t_rule, 3),
    }
    res.update(extra)
    return res


def run_one(path, rule):
    """Child mode for one (file, rule): prints one JSON object (used by bench_tally.sh)."""
    print(json.dumps(run_rule(load(path), rule)))


class RuleTimeout(Exception):
    pass


def run_file(path, rules, timeout):
    """Child mode for one file: parses once, then each rule under its own time limit (SIGALRM,
    which interrupts pabutools' pure-Python loops). Prints one JSON line per rule as it ends."""
    import signal

    def on_alarm(signum, frame):
        raise RuleTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    loaded = load(path)
    print(json.dumps({"parse_seconds": round(loaded[2], 3)}), flush=True)
    for rule in rules:
        signal.alarm(int(max(1, timeout)))
        try:
            res = run_rule(loaded, rule)
        except RuleTimeout:
            res = {"skipped": f"timeout after {timeout:g} s (pabutools parse took {loaded[2]:.0f} s)"}
        except Exception as e:  # pabutools refuses some rule × ballot type pairs
            res = {"skipped": f"pabutools error: {type(e).__name__}: {e}"}
        finally:
            signal.alarm(0)
        print(json.dumps({"rule": rule, "result": res}), flush=True)


def write_json(result, path):
    """One line per (file, rule), so the fixture stays small and diffs stay readable."""
    lines = ["{"]
    for key in sorted(k for k in result if k != "files"):
        lines.append(f" {json.dumps(key)}: {json.dumps(result[key])},")
    lines.append(' "files": {')
    files = sorted(result["files"].items())
    for i, (name, entry) in enumerate(files):
        lines.append(f"  {json.dumps(name)}: {{")
        items = sorted(entry.items())
        for j, (rule, value) in enumerate(items):
            comma = "," if j + 1 < len(items) else ""
            lines.append(f"   {json.dumps(rule)}: {json.dumps(value, sort_keys=True)}{comma}")
        lines.append("  }" + ("," if i + 1 < len(files) else ""))
    lines.append(" }")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.environ.get("QATYSU_PABULIB_DIR", DEFAULT_DIR))
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--add1-max-bytes", type=int, default=None,
                    help="do not attempt pabutools Add1 on larger files (each needs dozens of "
                         "MES runs of minutes each there)")
    ap.add_argument("--keep-done", action="store_true",
                    help="skip files whose rules all have a result already in --out")
    ap.add_argument("--rules", nargs="*", default=RULES)
    ap.add_argument("--one", nargs=2, metavar=("FILE", "RULE"), help=argparse.SUPPRESS)
    ap.add_argument("--file-child", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        run_one(*args.one)
        return
    if args.file_child:
        run_file(args.file_child, args.rules, args.timeout)
        return

    import pabutools  # noqa: F401  (fail early when it is missing)
    from importlib.metadata import version

    files = sorted(
        (f for f in os.listdir(args.dir) if f.endswith(".pb")),
        key=lambda f: os.path.getsize(os.path.join(args.dir, f)),
    )
    if args.only:
        files = [f for f in files if f in args.only]
    result = {"pabutools": version("pabutools"), "timeout_seconds": args.timeout, "files": {}}
    if os.path.exists(args.out):
        with open(args.out) as f:
            old = json.load(f)
        result["files"] = old.get("files", {})
    env = dict(os.environ, PYTHONHASHSEED="0")
    for name in files:
        path = os.path.join(args.dir, name)
        entry = result["files"].setdefault(name, {})
        if args.keep_done and all(r in entry for r in args.rules):
            continue
        entry["vote_type"] = vote_type(path)
        t0 = time.perf_counter()
        rules = list(args.rules)
        size = os.path.getsize(path)
        if args.add1_max_bytes is not None and size > args.add1_max_bytes:
            for r in ("mes-add1", "mes-add1-greedy"):
                if r in rules:
                    rules.remove(r)
                    entry[r] = {"skipped": f"not attempted: {size} bytes > --add1-max-bytes; "
                                           "pabutools Add1 runs MES dozens of times, minutes each"}
        cmd = [sys.executable, os.path.abspath(__file__), "--file-child", path,
               "--timeout", str(args.timeout), "--rules", *rules]
        # The parse of a citywide file alone takes minutes in pabutools: allow for it once.
        overall = args.timeout * (len(rules) + 5)
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=overall, env=env)
            out, err = p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            err = "overall timeout"
        done = set()
        for line in out.splitlines():
            msg = json.loads(line)
            if "rule" in msg:
                entry[msg["rule"]] = msg["result"]
                done.add(msg["rule"])
        for rule in rules:
            if rule not in done:
                last = (err.strip().splitlines() or ["?"])[-1]
                entry[rule] = {"skipped": f"not run: {last}"}
        print(f"{name}: {time.perf_counter() - t0:.1f}s " + " ".join(
            f"{r}={'ok' if 'selected' in entry[r] else 'skip'}" for r in args.rules), flush=True)
        write_json(result, args.out)


if __name__ == "__main__":
    main()
