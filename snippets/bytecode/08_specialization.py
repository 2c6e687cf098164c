# Shows PEP 659's adaptive interpreter rewrite instructions in memory as code warms up.
import dis
import json
import marshal
import os
import sys
import sysconfig


class Point:
    def __init__(self, x):
        self.x = x


def total(points):
    s = 0
    for p in points:
        s = s + p.x
    return len(points) + s


def adaptive_names():
    """Each instruction's name by offset, as the interpreter holds it now."""
    instructions = dis.get_instructions(total, adaptive=True)
    return {ins.offset: ins.opname for ins in instructions}


# 3.13 hides offsets by default
OFFSETS = {"show_offsets": True} if sys.version_info >= (3, 13) else {}
stored = total.__code__.co_code
history = [adaptive_names()]
print("== dis.dis(total, adaptive=True) before any call ==")
dis.dis(total, adaptive=True, **OFFSETS)

ints = [Point(i) for i in range(10)]
floats = [Point(i + 0.5) for i in range(10)]
for kind, values in (("int", ints), ("float", floats)):
    for _ in range(2000):
        total(values)
    history.append(adaptive_names())
    if kind == "int":
        print("\n== the same after 2000 calls with int coordinates ==")
        dis.dis(total, adaptive=True, **OFFSETS)
    print(f"\nchanged by the {kind} calls (offset: before -> after):")
    for offset, before in history[-2].items():
        if history[-1][offset] != before:
            print(f"  {offset:3}: {before} -> {history[-1][offset]}")

cold, warm, hot = history
# specialised: a member of the generic instruction's family, e.g. LOAD_ATTR_SLOT
specialised = {warm[o] for o in cold if warm[o].startswith(cold[o] + "_")
               and not warm[o].endswith(("_ADAPTIVE", "_QUICK"))}
readapted = [o for o in warm
             if hot[o] != warm[o] and hot[o].startswith(cold[o] + "_")]
free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
print(f"\nfree-threaded build: {free_threaded}; "
      f"instructions specialised: {len(specialised)}")
if free_threaded and sys.version_info < (3, 14):
    assert not specialised and not readapted, \
        "claim: the free-threaded 3.13 build does not specialise"
else:
    assert specialised, \
        "claim: at least one instruction became a specialised form of itself"
    # the free-threaded builds specialise fewer families; the page quotes the
    # default build
    if not free_threaded:
        assert readapted, "claim: new argument types make an instruction re-specialise"
assert total.__code__.co_code == stored, \
    "claim: co_code still holds the generic instructions"
reloaded = marshal.loads(marshal.dumps(total.__code__))
dumped = {ins.opname for ins in dis.get_instructions(reloaded)}
assert not specialised & dumped, \
    "claim: marshal (so a .pyc) stores no specialised instruction"
print(f"\nco_code unchanged after all these calls: {total.__code__.co_code == stored}")
print("specialised names in marshal.dumps(total.__code__): "
      f"{sorted(specialised & dumped)}")


def kind(name):
    """What a warmed-up name is: 3.11 still had _ADAPTIVE and _QUICK forms and, like
    3.12, superinstructions."""
    if name.endswith("_ADAPTIVE"):
        return "adaptive, not yet (or no longer) specialised"
    if name.endswith("_QUICK"):
        return "quickened, with no type involved"
    if "__" in name:
        return "superinstructions (two in one)"
    return "specialised for the types met"


kinds = {}
for offset in (k for k in cold if warm[k] != cold[k]):
    kinds[kind(warm[offset])] = kinds.get(kind(warm[offset]), 0) + 1
print("\nthe changes after the int calls, by kind: "
      + "; ".join(f"{n} {k}" for k, n in kinds.items()))
o = readapted[0] if readapted else None
data = {"offset": o, "generic": cold.get(o), "first": warm.get(o), "second": hot.get(o),
        "changed": sum(warm[k] != cold[k] for k in cold),
        "kinds": "; ".join(f"{n} {k}" for k, n in kinds.items()) or "none",
        "version": sys.version.split()[0], "free_threaded": free_threaded,
        "specialised": sorted(specialised)}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
