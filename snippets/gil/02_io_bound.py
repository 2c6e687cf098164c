# Sends requests to a local HTTP server with a fixed delay: serially, threads, asyncio.
import asyncio
import http.client
import json
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REQUESTS, DELAY, REPEATS = 20, 0.02, 3
OVERLAP = 4  # how many times faster than one after another the overlapped waits must be
seen = set()  # the threads that sent requests


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(DELAY)  # stands for a database or a remote API taking its time
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):  # keep the output quiet
        pass


class Server(ThreadingHTTPServer):
    # accept all the concurrent connections at once (the default backlog is 5)
    request_queue_size = 64


def fetch():
    seen.add(threading.get_ident())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/")
    body = conn.getresponse().read()
    conn.close()
    return body


async def fetch_async():
    seen.add(threading.get_ident())
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    # HTTP/1.0: the server closes the connection after the answer
    response = await reader.read()
    writer.close()
    await writer.wait_closed()
    return response.rpartition(b"\r\n\r\n")[2]


async def all_async():
    return await asyncio.gather(*(fetch_async() for _ in range(REQUESTS)))


def threaded():
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(lambda _: fetch(), range(REQUESTS)))


server = Server(("127.0.0.1", 0), SlowHandler)  # port 0: the system picks a free port
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()
ways = {"one after another": lambda: [fetch() for _ in range(REQUESTS)],
        "threads": threaded, "asyncio": lambda: asyncio.run(all_async())}
times, threads = {name: [] for name in ways}, {}
for _ in range(REPEATS):
    for name, way in ways.items():
        seen.clear()
        start = time.perf_counter()
        answers = way()
        times[name].append(time.perf_counter() - start)
        assert answers == [b"ok"] * REQUESTS, f"{name}: every request got its answer"
        threads[name] = len(seen)
server.shutdown()
server.server_close()

print(f"Python {sys.version.split()[0]}, os.cpu_count() = {os.cpu_count()}, "
      "timer: time.perf_counter")
print(f"{REQUESTS} requests, each answered after {DELAY * 1000:.0f} ms; "
      f"median (min-max) of {REPEATS} runs")
rows = {name: (statistics.median(t), min(t), max(t)) for name, t in times.items()}
for name, (median, low, high) in rows.items():
    print(f"{name:18} {median:.3f} s ({low:.3f}-{high:.3f})  "
          f"requests sent from {threads[name]} thread(s)")
serial_s = rows["one after another"][0]
for name in ("threads", "asyncio"):
    print(f"{name}: {serial_s / rows[name][0]:.1f}x faster than one after another")
    assert rows[name][0] < serial_s / OVERLAP, f"claim: with {name} the waits overlap"
assert serial_s >= REQUESTS * DELAY, "claim: one after another, the waits add up"
assert threads["asyncio"] == 1, \
    "claim: asyncio overlaps the waits within a single thread"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"rows": rows, "requests": REQUESTS, "delay_ms": DELAY * 1000,
                   "repeats": REPEATS, "cpus": os.cpu_count(),
                   "sum_ms": REQUESTS * DELAY * 1000, "threads": threads,
                   "overlap": OVERLAP}, f)
