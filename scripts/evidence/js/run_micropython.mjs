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
  process.stderr.write(String(error.message ?? error) + "\n");
  process.exit(1);
}
