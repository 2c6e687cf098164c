# A web API: a FastAPI app answering HTTP requests through its TestClient, in process, with validation errors.
# /// script
# requires-python = ">=3.11"
# dependencies = ["fastapi==0.165.0", "httpx2==2.16.2"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import importlib.metadata
import json
import os
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


app, orders, handler_threads = FastAPI(), {}, set()


@app.post("/orders", status_code=201)
def create_order(order: Order) -> dict:
    orders[len(orders) + 1] = order
    return {"id": len(orders), "total": order.quantity * order.unit_price}


@app.get("/orders/{order_id}")
def read_order(order_id: int) -> Order:  # a plain def: FastAPI runs it in a worker thread
    handler_threads.add(threading.current_thread().name)
    if order_id not in orders:
        raise HTTPException(status_code=404, detail="no such order")
    return orders[order_id]


with TestClient(app) as client:  # an httpx2 client that calls the ASGI app directly: no socket, no server process
    exchanges = [("POST", "/orders", {"item": "widget", "quantity": 3, "unit_price": 2.5}),
                 ("GET", "/orders/1", None), ("GET", "/orders/99", None),
                 ("POST", "/orders", {"item": "widget", "quantity": "three", "unit_price": 2.5})]
    for method, path, body in exchanges:
        response = client.request(method, path, json=body)
        text = json.dumps(response.json())
        print(f"{method:4} {path:12} -> {response.status_code} {text if len(text) < 100 else text[:97] + '...'}")
    codes = [client.request(m, p, json=b).status_code for m, p, b in exchanges]
    assert codes == [201, 200, 404, 422], "claim: the API creates, reads, rejects unknown ids and invalid bodies"
    latencies = []
    for _ in range(300):
        begin = time.perf_counter()
        client.get("/orders/1")
        latencies.append((time.perf_counter() - begin) * 1e6)

validator = Order.__pydantic_validator__
home = os.path.basename(sys.modules[type(validator).__module__].__file__)
print(f"\nthe body was validated by {type(validator).__module__}.{type(validator).__name__}, from {home}")
assert isinstance(validator, pydantic_core.SchemaValidator) and home.endswith(".so"), "claim: compiled validator"
median = statistics.median(latencies)
print(f"GET /orders/1, 300 requests: median {median:.0f} µs (min {min(latencies):.0f}, max {max(latencies):.0f})")
client_thread = threading.current_thread().name
print(f"the client ran on {client_thread!r}; the handler on {len(handler_threads)} other thread(s), "
      f"e.g. {sorted(handler_threads)[0]!r}")
assert client_thread not in handler_threads, "claim: each request crosses from the client's thread to a worker"
versions = {name: importlib.metadata.version(name) for name in ("fastapi", "starlette", "pydantic", "pydantic-core")}
print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(), "timer": time.get_clock_info("perf_counter").resolution,
                   "validator_file": home, "median_us": f"{median:.0f}", "min_us": f"{min(latencies):.0f}",
                   "max_us": f"{max(latencies):.0f}", "handler_threads": len(handler_threads), **versions}, f)
