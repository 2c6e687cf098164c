# A web API: FastAPI def and async def routes via its TestClient and a bare ASGI call.
# /// script
# requires-python = ">=3.11"
# dependencies = ["fastapi==0.165.0", "httpx2==2.16.2"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import asyncio
import importlib.metadata
import json
import os
import re
import statistics
import sys
import threading
import time

import pydantic_core
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field


class Order(BaseModel):
    item: str = Field(min_length=1)
    quantity: int = Field(gt=0)
    unit_price: float


app, orders, ran_on = FastAPI(), {}, {"def": set(), "async def": set()}


@app.post("/orders", status_code=201)
def create_order(order: Order) -> dict:
    orders[len(orders) + 1] = order
    return {"id": len(orders), "total": order.quantity * order.unit_price}


def find(order_id: int, kind: str) -> Order:
    name = threading.current_thread().name
    ran_on[kind].add(re.sub(r"-[0-9a-f]{6,}$", "", name))  # no address in the name
    if order_id not in orders:
        raise HTTPException(status_code=404, detail="no such order")
    return orders[order_id]


# a plain def: FastAPI runs it in a worker thread
@app.get("/orders/{order_id}")
def read_order(order_id: int) -> Order:
    return find(order_id, "def")


# async def: it runs on the event loop's own thread
@app.get("/v2/orders/{order_id}")
async def read_order_async(order_id: int) -> Order:
    return find(order_id, "async def")


ROUTES = {"def": "/orders/1", "async def": "/v2/orders/1"}
# the ways of calling take turns, so a busy moment of the machine falls on each of them
ROUNDS, PER_ROUND = 6, 50


async def asgi_get(path: str) -> tuple[int, bytes]:
    """One GET as a server would hand it to the app: an ASGI scope, a receive that
    gives an empty body, a send that keeps what comes back. No client, no socket, no
    thread of ours."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path,
             "raw_path": path.encode(), "root_path": "", "query_string": b"",
             "headers": [(b"host", b"testserver")],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


async def asgi_batch(path: str) -> list[float]:
    times = []
    for _ in range(PER_ROUND):
        begin = time.perf_counter()
        await asgi_get(path)
        times.append((time.perf_counter() - begin) * 1e6)
    return times


def client_batch(client: TestClient, path: str) -> list[float]:
    times = []
    for _ in range(PER_ROUND):
        begin = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - begin) * 1e6)
    return times


# the client: httpx2 calling the app in process
with TestClient(app) as client, asyncio.Runner() as runner:
    exchanges = [
        ("POST", "/orders", {"item": "widget", "quantity": 3, "unit_price": 2.5}),
        ("GET", "/orders/1", None), ("GET", "/v2/orders/1", None),
        ("GET", "/orders/99", None),
        ("POST", "/orders", {"item": "widget", "quantity": "three",
                             "unit_price": 2.5})]
    for method, path, body in exchanges:
        response = client.request(method, path, json=body)
        text = json.dumps(response.json())
        shown = text if len(text) < 100 else text[:97] + "..."
        print(f"{method:4} {path:13} -> {response.status_code} {shown}")
    codes = [client.request(m, p, json=b).status_code for m, p, b in exchanges]
    assert codes == [201, 200, 200, 404, 422], \
        "claim: the API creates, reads, rejects unknown ids and invalid bodies"
    # where the client's requests ran
    client_threads = {kind: set(names) for kind, names in ran_on.items()}
    for path in ROUTES.values():
        status, body = runner.run(asgi_get(path))
        assert (status, json.loads(body)) == (200, client.get(path).json()), \
            "claim: a bare ASGI call answers alike"
    times = {(way, kind): [] for way in ("TestClient", "ASGI call") for kind in ROUTES}
    for _ in range(ROUNDS):
        for kind, path in ROUTES.items():
            times["TestClient", kind] += client_batch(client, path)
            times["ASGI call", kind] += runner.run(asgi_batch(path))

validator = Order.__pydantic_validator__
home = os.path.basename(sys.modules[type(validator).__module__].__file__)
print(f"\nthe body was validated by {type(validator).__module__}."
      f"{type(validator).__name__}, from {home}")
assert isinstance(validator, pydantic_core.SchemaValidator) and home.endswith(".so"), \
    "claim: compiled validator"
main = threading.current_thread().name
print(f"\nthe client and the ASGI calls ran on {main!r}; the handlers ran on:")
for kind, names in ran_on.items():
    print(f"  {kind:9} route: {', '.join(sorted(names))}")
assert main not in ran_on["def"], \
    "claim: FastAPI runs a def route in a worker thread, never the caller's"
assert ran_on["async def"] - client_threads["async def"] == {main}, \
    "claim: a bare ASGI call runs async def inline"
assert main not in client_threads["async def"], \
    "claim: the test client runs the app in a thread of its own"

n = ROUNDS * PER_ROUND
print(f"\nGET, {n} requests each ({ROUNDS} rounds of {PER_ROUND}, taking turns), "
      "µs per request:")
print(f"  {'called through':14} {'route':9} {'median':>7} {'min':>7} {'max':>7}")
summary = {"TestClient": {}, "ASGI call": {}}
for (way, kind), values in times.items():
    summary[way][kind] = {"median": statistics.median(values), "min": min(values),
                          "max": max(values)}
    print(f"  {way:14} {kind:9} {statistics.median(values):7.0f} "
          f"{min(values):7.0f} {max(values):7.0f}")
client_def = summary["TestClient"]["def"]["median"]
asgi_def = summary["ASGI call"]["def"]["median"]
print(f"the test client's own part of a def request: {client_def - asgi_def:.0f} µs "
      f"of {client_def:.0f} ({(client_def - asgi_def) / client_def:.0%})")
assert asgi_def * 2 < client_def, \
    "claim: most of a TestClient request's time is the client, not the framework"
asgi_async = summary["ASGI call"]["async def"]["median"]
print("the worker-thread hop of the def route, called bare: "
      f"{asgi_def - asgi_async:.0f} µs of {asgi_def:.0f}")
assert asgi_async < asgi_def, \
    "claim: without the hop to a worker thread, the async def route answers sooner"
versions = {name: importlib.metadata.version(name)
            for name in ("fastapi", "starlette", "pydantic", "pydantic-core")}
print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "validator_file": home, "median_us": f"{client_def:.0f}",
                   "min_us": f"{summary['TestClient']['def']['min']:.0f}",
                   "max_us": f"{summary['TestClient']['def']['max']:.0f}",
                   "requests": n, "handler_threads": len(ran_on["def"]),
                   "timings": summary, **versions}, f)
