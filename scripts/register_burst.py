#!/usr/bin/env python3
"""N registrations at once against a fresh `qatysu demo`: what they come to (created, refused,
throttled, busy) and the server's memory before and after (VmRSS, peak VmHWM).

Usage: scripts/register_burst.py [BINARY] [N]   (default target/release/qatysu, 50)
Loopback only; the demo's data folder is temporary. Python standard library only.
"""
import collections, http.cookiejar, re, subprocess, sys, tempfile, threading, time, urllib.error
import urllib.parse, urllib.request


def iin(n):
    """A valid IIN of someone born 1 June 1990, serial n (no demo person has it)."""
    for k in range(10):
        s = f"900601{3 + n % 2}{n % 10000:04d}{k}"
        d = [int(c) for c in s]
        c = sum(d[i] * (i + 1) for i in range(11)) % 11
        if c == 10:
            c = sum(d[i] * w for i, w in enumerate([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if c != 10 and c == d[11]:
            return s
    return None


def memory(pid):
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return {k: fields[k].strip() for k in ("VmRSS", "VmHWM")}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A created account answers 303: count it as such instead of following it."""

    def redirect_request(self, *a, **k):
        return None


def register(base, n, out):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    try:
        page = opener.open(base + "register").read().decode()
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({
            "csrf": token, "name": "Жүктеме Сынақ", "contact": f"burst{n}@load.test",
            "iin": iin(n), "village": "114435200", "password": "жүктеме-сынақ-2026",
            "consent": "yes",
        }).encode()
        try:
            status = opener.open(base + "register", body).status
        except urllib.error.HTTPError as e:
            status = e.code
    except Exception as e:  # a refused connection is a result too
        status = type(e).__name__
    out.append(status)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/qatysu"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    data = tempfile.mkdtemp(prefix="qatysu-burst-")
    log = open(data + "/log", "w+")
    server = subprocess.Popen([binary, "demo", "--addr", "127.0.0.1:0", "--data", data + "/d"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        base = None
        for _ in range(300):
            log.seek(0)
            m = re.search(r"http://127\.0\.0\.1:\d+/", log.read())
            if m:
                base = m.group(0)
                break
            time.sleep(0.1)
        if not base:
            sys.exit("the demo did not start")
        urllib.request.urlopen(base + "register").read()
        before = memory(server.pid)
        results = []
        threads = [threading.Thread(target=register, args=(base, i, results))
                   for i in range(1, n + 1)]
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.time() - started
        after = memory(server.pid)
        print(f"{n} registrations in {took:.1f} s: {dict(collections.Counter(results))}"
              " (303 created, 409 not created, 429 throttled, 503 busy)")
        print(f"memory before: {before['VmRSS']}; after: {after['VmRSS']}, peak {after['VmHWM']}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
