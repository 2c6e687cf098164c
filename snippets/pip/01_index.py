# A tiny package index on 127.0.0.1 and what it serves: HTML/JSON pages, metadata files.
import hashlib
import json
import tempfile
import threading
import urllib.request
from pathlib import Path

from local_index import serve, wheel

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    wheel(root, "storage", "1.0")
    wheel(root, "storage", "2.0")
    with serve(root) as (url, log):
        html = urllib.request.urlopen(url + "storage/").read().decode()
        json_type = {"Accept": "application/vnd.pypi.simple.v1+json"}
        ask = urllib.request.Request(url + "storage/", headers=json_type)
        page = json.load(urllib.request.urlopen(ask))
        newest = page["files"][-1]
        file_url = url.removesuffix("simple/") + newest["url"].lstrip("/")
        meta = urllib.request.urlopen(file_url + ".metadata").read()
    assert threading.active_count() == 1, "claim: the index server has stopped"
    print("files in the index folder:", *sorted(p.name for p in root.iterdir()),
          sep="\n  ")

print("\nGET /simple/storage/ as HTML (PEP 503), one <a> per file:\n"
      + html.replace("<br>", ""))
print("GET /simple/storage/ as JSON (PEP 691), its entry for the newest file:\n"
      + json.dumps(newest, indent=1))
print(f"\nGET {newest['url']}.metadata (PEP 658), the wheel's METADATA file "
      f"on its own:\n{meta.decode()}")
print("the index's request log:", *log, sep="\n  ")
advertised = newest["core-metadata"]["sha256"]
assert hashlib.sha256(meta).hexdigest() == advertised, \
    "claim: the advertised hash is the file's"
assert f'data-core-metadata="sha256={advertised}"' in html, \
    "claim: HTML announces it too"
assert len(log) == 3, "claim: every request reached the local index and was logged"
