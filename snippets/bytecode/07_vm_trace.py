# Watches the VM run a small function one bytecode instruction at a time (sys.settrace).
import collections
import dis
import json
import os
import sys
import textwrap


def total(items):
    s = 0
    for x in items:
        s += x
    return s


by_offset = {ins.offset: ins for ins in dis.get_instructions(total)}
executed = []


def tracer(frame, event, arg):
    if frame.f_code is not total.__code__:
        return None  # trace only `total`
    frame.f_trace_opcodes = True  # ask for an "opcode" event before each instruction
    if event == "opcode":
        ins = by_offset[frame.f_lasti]
        jumps = ins.opcode in dis.hasjrel + dis.hasjabs
        target = f"to offset {ins.argval}" if jumps else ins.argrepr
        executed.append(ins.offset)
        print(f"  offset {ins.offset:3}  line {frame.f_lineno}  "
              f"{ins.opname:<20} {target}")
    elif event in ("call", "return"):
        print(f"event {event!r}" + (f" -> {arg!r}" if event == "return" else ""))
    return tracer


# CPython 3.12 only emits opcode events if some frame asked for them before settrace()
# (gh-114480).
sys._getframe().f_trace_opcodes = True
sys.settrace(tracer)
result = total([10, 20])
sys.settrace(None)
sys._getframe().f_trace_opcodes = False

counts = collections.Counter(executed)
repeated = ", ".join(f"{o} ({by_offset[o].opname}) x{n}"
                     for o, n in sorted(counts.items()) if n > 1)
print(f"\n{len(executed)} instructions executed, "
      f"from {len(by_offset)} in the code object.")
print(textwrap.fill(f"Offsets run more than once: {repeated}", 76))
assert result == 30 and len(executed) > len(counts), \
    "claim: the loop's instructions run repeatedly"
data = {"executed": len(executed), "distinct": len(by_offset)}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
