// Runs one Python file with MicroPython compiled to WebAssembly under Node, loaded from node_modules.
import { readFileSync } from "node:fs";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";

const mp = await loadMicroPython({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  linebuffer: false,
});
try {
  mp.runPython(readFileSync(process.argv[2], "utf8"));
} catch (error) {
  const message = String(error.message ?? error);
  // SystemExit ends the program with its code, as it would under `micropython file.py`.
  const exit = message.match(/SystemExit:?\s*(\d+)?\s*$/);
  if (!exit) process.stderr.write(message + "\n");
  process.exitCode = exit ? Number(exit[1] ?? 0) : 1;
}
