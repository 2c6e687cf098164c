# NumPy ints are fixed-width C ints whose overflow wraps silently; Python ints never do.
# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy==2.4.6; python_version < '3.15'",
#                 "numpy==2.5.5; python_version >= '3.15'"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import json
import os
import warnings

import numpy as np

n = 10**7
# turn any warning into an exception: none is raised below
warnings.simplefilter("error")
arr = np.arange(n)
numpy_sum = int((arr * arr).sum())
python_sum = sum(i * i for i in range(n))
print(f"np.arange({n:,}).dtype        = {arr.dtype}  "
      f"(a C int64: {np.iinfo(arr.dtype).max:,} at most)")
print(f"NumPy  (arr * arr).sum()      = {numpy_sum:,}")
print(f"Python sum(i * i for i ...)   = {python_sum:,}")
assert python_sum == (n - 1) * n * (2 * n - 1) // 6, \
    "claim: Python's int result is exact"
assert numpy_sum != python_sum, \
    "claim: the int64 result is wrong, and no error or warning said so"
# the exact value reduced to the int64 range
wrapped = (python_sum + 2**63) % 2**64 - 2**63
assert numpy_sum == wrapped, \
    "claim: the NumPy result is the exact one wrapped modulo 2**64"
print(f"the exact sum needs {python_sum.bit_length()} bits; "
      f"NumPy kept the low 64: exact mod 2**64 = {wrapped:,}")

small = np.array([2**31 - 1], dtype=np.int32)
print(f"\nnp.array([2**31 - 1], dtype=np.int32) + 1 = {small + 1}   "
      f"(Python: {2**31 - 1 + 1})")
assert (small + 1)[0] == -(2**31), \
    "claim: int32 arithmetic on arrays wraps around without a warning"

warnings.simplefilter("default")
with warnings.catch_warnings(record=True) as caught:
    scalar = np.int32(2**31 - 1) + np.int32(1)
warning = caught[0].message if caught else "none"
print(f"np.int32(2**31 - 1) + np.int32(1) = {scalar}   warning: {warning}")
print("floats instead: (arr.astype(float) ** 2).sum() = "
      f"{(arr.astype(float) ** 2).sum():.6e} (rounded, not wrapped)")

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"n": f"{n:,}", "numpy_sum": f"{numpy_sum:,}",
                   "python_sum": f"{python_sum:,}", "bits": python_sum.bit_length(),
                   "scalar_warning": str(caught[0].message) if caught else None,
                   "dtype": str(arr.dtype)}, f)
