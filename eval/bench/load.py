"""Load benchmark: `guide serve --prod` (gunicorn, 2 workers) under concurrent HTTP clients.

    .venv/bin/python eval/bench/load.py                      # index/ (built by `guide build`)
    .venv/bin/python eval/bench/load.py --index-dir /path/to/index --requests 3000 --clients 1,8

Starts the production server on 127.0.0.1 with a free port in a subprocess (its own runtime DB in
a temporary folder, rate limit lifted through GUIDE_RATE_LIMIT_PER_MINUTE), waits for /healthz,
then drives it with threads that each hold one keep-alive http.client connection, for a fixed
number of requests per scenario:

- search, repeated mix: the dev set's questions (eval/dev.jsonl) cycled after an unmeasured
  warm-up that asks each of them 4 times, so nearly every request is answered from the workers'
  search LRU caches (the steady state for popular questions);
- search, all-distinct mix: every request a question string the server has not seen (the test
  questions as written, then dev + test questions behind polite prefixes such as 麻烦问下), so
  no request is a cache hit: each runs the hybrid search (jieba, BM25 fields, then the e5 query
  encoding and FAISS unless the lexical shortcut settles it);
- chat: POST /api/chat with distinct questions (search + dialogue + rendering + runtime DB writes).

Each with one client and with N concurrent clients. Reports throughput, p50/p95/p99/max latency
and errors (non-200 or connection failures), server memory (RSS and PSS of master and workers),
prints a Markdown table and writes eval/reports/bench-load.{md,json}. Run it with nothing else
heavy on the machine; the client threads share the machine's cores with the server.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchcommon as bc  # noqa: E402

PREFIXES = ("", "请问", "我想问一下", "你好，", "麻烦问下", "咨询一下：", "想了解", "请教一下", "问下，", "您好，请问")
TARGET = {"search_rps": 100.0, "p99_ms": 200.0}


def questions(name: str) -> list[str]:
    with open(bc.PROJECT_ROOT / "eval" / name, encoding="utf-8") as fh:
        return [json.loads(line)["query"] for line in fh if line.strip()]


def distinct_questions(n: int, offset: int = 0) -> list[str]:
    """n question strings never asked before in this run: the test questions as written, then dev
    and test questions behind one polite prefix, then behind two. Dev questions as written are the
    repeated mix (cached by its warm-up), so they never count as distinct."""
    dev, test = questions("dev.jsonl"), questions("test.jsonl")
    polite = PREFIXES[1:]
    out = [q for q in test if q not in set(dev)]
    out += [p + q for p in polite for q in dev + test]
    if offset + n > len(out):
        out += [a + b + q for a in polite for b in polite if a != b for q in dev + test]
    out = list(dict.fromkeys(out))
    if offset + n > len(out):
        raise SystemExit(f"only {len(out)} distinct questions; ask for fewer requests")
    return out[offset:offset + n]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- server

class Server:
    def __init__(self, index_dir: Path, workers: int, threads: int, workdir: Path):
        self.port = free_port()
        self.log_path = workdir / "server.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDE_")}
        env.update(GUIDE_INDEX_DIR=str(index_dir), GUIDE_RUNTIME_DB=str(workdir / "runtime.db"),
                   GUIDE_RATE_LIMIT_PER_MINUTE=str(10**9), GUIDE_SECRET_KEY="bench-only-" + os.urandom(8).hex())
        self.cmd = [sys.executable, "-m", "guide", "serve", "--prod", "--host", "127.0.0.1",
                    "--port", str(self.port), "--workers", str(workers), "--threads", str(threads)]
        self._log = self.log_path.open("w", encoding="utf-8")
        started = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, cwd=bc.PROJECT_ROOT, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT)
        self.health = self._wait_up()
        self.startup_s = time.perf_counter() - started

    def _wait_up(self, timeout: float = 240.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited ({self.proc.returncode}):\n{self.log_path.read_text()[-3000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                response = conn.getresponse()
                body = response.read()
                conn.close()
                if response.status == 200:
                    return json.loads(body)
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise SystemExit(f"server not up after {timeout:.0f}s:\n{self.log_path.read_text()[-3000:]}")

    def memory(self) -> dict:
        """RSS and PSS (MiB) of the master and each worker (PSS splits shared pages fairly)."""
        def probe(pid: int) -> dict:
            out = {"pid": pid}
            try:
                with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                    for line in fh:
                        key, _, rest = line.partition(":")
                        if key in ("Rss", "Pss"):
                            out[key.lower() + "_mib"] = round(int(rest.split()[0]) / 1024, 1)
            except OSError:
                pass
            return out

        children = sorted(pid for pid in self._stats() if pid != self.proc.pid)
        return {"master": probe(self.proc.pid), "workers": [probe(pid) for pid in children]}

    def _stats(self) -> dict[int, list[str]]:
        """/proc/<pid>/stat fields (after the command name) of the master and its workers."""
        out = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(entry.name) == self.proc.pid or int(stat[1]) == self.proc.pid:
                    out[int(entry.name)] = stat
        return out

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the master and its workers."""
        ticks = sum(int(stat[11]) + int(stat[12]) for stat in self._stats().values())
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> float:
        started = time.perf_counter()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return time.perf_counter() - started


# ---------------------------------------------------------------- clients

def make_requests(kind: str, texts: list[str]) -> list[tuple[str, str, bytes | None]]:
    if kind == "search":
        return [("GET", f"/api/search?k=5&q={quote(t)}", None) for t in texts]
    return [("POST", "/api/chat", json.dumps({"message": t}, ensure_ascii=False).encode()) for t in texts]


def drive(port: int, requests: list[tuple[str, str, bytes | None]], clients: int) -> dict:
    """Send every request once, `clients` at a time over keep-alive connections; latency per request."""
    lock = threading.Lock()
    position = iter(range(len(requests)))
    latencies: list[float] = []
    errors: list[str] = []

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                n = next(position, None)
            if n is None:
                break
            method, path, body = requests[n]
            headers = {"Content-Type": "application/json"} if body is not None else {}
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                elapsed = time.perf_counter() - t0
                if response.status != 200:
                    errors.append(f"{response.status} {data[:120]!r}")
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException) as exc:
                elapsed = time.perf_counter() - t0
                errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                latencies.append(elapsed)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ms = np.asarray(latencies) * 1000
    return {"requests": len(requests), "clients": clients, "errors": len(errors), "error_samples": errors[:5],
            "wall_s": round(wall, 3), "rps": round(len(requests) / wall, 1),
            "p50_ms": round(float(np.percentile(ms, 50)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1),
            "p99_ms": round(float(np.percentile(ms, 99)), 1), "max_ms": round(float(ms.max()), 1),
            "mean_ms": round(float(ms.mean()), 1)}


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index-dir", type=Path, default=bc.PROJECT_ROOT / "index",
                    help="index folder with CURRENT (default: the project's index/, from `guide build`)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    ap.add_argument("--requests", type=int, default=2000, help="search requests per scenario")
    ap.add_argument("--chat-requests", type=int, default=600, help="chat requests per scenario")
    ap.add_argument("--clients", default="1,8", help="comma-separated numbers of concurrent clients")
    ap.add_argument("--warmup", type=int, default=40, help="unmeasured requests before each scenario")
    ap.add_argument("--no-chat", action="store_true", help="skip the /api/chat scenarios")
    ap.add_argument("--out", type=Path, default=bc.REPORTS, help="report folder")
    args = ap.parse_args(argv)

    index_dir = args.index_dir.resolve()
    if not (index_dir / "CURRENT").is_file():
        print(f"{index_dir / 'CURRENT'} is missing: run `guide build` first.", file=sys.stderr)
        return 1
    clients = [int(c) for c in args.clients.split(",") if c.strip()]
    info = bc.machine_info()
    from importlib import metadata

    for dist in ("gunicorn", "flask", "werkzeug"):
        info["versions"][dist] = metadata.version(dist)
    dev = questions("dev.jsonl")
    used = 0                                  # distinct strings handed out so far (never reused)

    def fresh(n: int) -> list[str]:
        nonlocal used
        texts = distinct_questions(n, used)
        used += n
        return texts

    results = []
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        server = Server(index_dir, args.workers, args.threads, Path(tmp))
        print(f"server up in {server.startup_s:.1f}s on port {server.port}: build {server.health['build_id']}, "
              f"{server.health['matters']} matters + {server.health['bundles']} bundles; "
              f"{args.workers} workers x {args.threads} threads", flush=True)
        try:
            scenarios = []
            for c in clients:
                scenarios.append(("search", "repeated (warm cache)", c,
                                  lambda: [dev[i % len(dev)] for i in range(args.requests)]))
            for c in clients:
                scenarios.append(("search", "all distinct", c, lambda: fresh(args.requests)))
            if not args.no_chat:
                for c in clients:
                    scenarios.append(("chat", "all distinct", c, lambda: fresh(args.chat_requests)))
            warmed = False
            for endpoint, mix, c, texts in scenarios:
                if mix == "all distinct":
                    warm = fresh(args.warmup)
                elif not warmed:        # each dev question 4 times: into both workers' caches (~94 %)
                    warm, warmed = dev * 4, True
                else:
                    warm = dev[:args.warmup]
                drive(server.port, make_requests(endpoint, warm), max(clients))
                cpu0 = server.cpu_seconds()
                row = drive(server.port, make_requests(endpoint, texts()), c)
                cpu_ms = 1000 * (server.cpu_seconds() - cpu0) / row["requests"]
                row |= {"endpoint": f"/api/{endpoint}", "mix": mix, "server_cpu_ms": round(cpu_ms, 1)}
                results.append(row)
                print(f"{row['endpoint']:12} {mix:32} clients {c:2}: {row['rps']:7.1f} req/s  p50 {row['p50_ms']:6.1f}"
                      f"  p95 {row['p95_ms']:6.1f}  p99 {row['p99_ms']:6.1f} ms  errors {row['errors']}"
                      f"  server CPU {row['server_cpu_ms']:.1f} ms/req", flush=True)
            memory = server.memory()
        finally:
            stop_s = server.stop()
    info["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]

    headers = ["endpoint", "mix", "clients", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
               "server CPU ms/req"]
    rows = [[r["endpoint"], r["mix"], r["clients"], r["requests"], r["errors"], r["rps"], r["p50_ms"], r["p95_ms"],
             r["p99_ms"], r["max_ms"], r["server_cpu_ms"]] for r in results]
    best = [r for r in results if r["endpoint"] == "/api/search" and r["clients"] == max(clients)]
    verdicts = []
    for r in best:
        ok = r["rps"] >= TARGET["search_rps"] and r["errors"] == 0 and r["p99_ms"] <= TARGET["p99_ms"]
        verdicts.append(f"- search, {r['mix']}, {r['clients']} clients: {r['rps']} req/s, p99 {r['p99_ms']} ms, "
                        f"{r['errors']} errors → {'meets' if ok else 'misses'} the target "
                        f"(≥ {TARGET['search_rps']:.0f} req/s, p99 ≤ {TARGET['p99_ms']:.0f} ms, zero errors)")
    mem_rows = [["master", memory["master"].get("rss_mib"), memory["master"].get("pss_mib")]]
    mem_rows += [[f"worker {i + 1}", w.get("rss_mib"), w.get("pss_mib")] for i, w in enumerate(memory["workers"])]
    command = "python eval/bench/load.py " + " ".join(argv if argv is not None else sys.argv[1:])
    markdown = "\n\n".join([
        "# Load benchmark: `guide serve --prod`",
        f"`{command.strip()}` — server: `{' '.join(server.cmd[1:])}` (rate limit lifted), build "
        f"{server.health['build_id']} ({server.health['matters']} matters + {server.health['bundles']} bundles); "
        f"started in {server.startup_s:.1f} s, stopped (SIGTERM) in {stop_s:.1f} s.",
        bc.machine_markdown(info) + f" Load average at end {info['load_avg_at_end']}.",
        "Clients are threads in one Python process on the same machine, one keep-alive connection each; "
        "latency is measured from request sent to response read. The repeated mix cycles the dev "
        f"questions ({len(dev)}) after a warm-up that asked each 4 times, so nearly all are served from the "
        "workers' search LRU caches; the all-distinct mix never repeats a question string, so every "
        "request is a full search (e5 query encoding included). Each scenario has an unmeasured warm-up.",
        bc.md_table(headers, rows),
        "\n".join(verdicts),
        "Server memory after the run (MiB; PSS counts pages shared between the preloaded master and "
        "its forked workers once, split between them):\n\n" + bc.md_table(["process", "RSS", "PSS"], mem_rows),
    ])
    print()
    print(markdown)
    data = {"command": command.strip(), "server_command": server.cmd[1:], "health": server.health,
            "startup_s": round(server.startup_s, 2), "stop_s": round(stop_s, 2), "machine": info,
            "workers": args.workers, "threads": args.threads, "results": results, "memory": memory,
            "target": TARGET}
    json_path, md_path = bc.write_report("bench-load", data, markdown, args.out)
    print(f"\nwrote {md_path} and {json_path}")
    failed = [r for r in results if r["errors"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
