// Runs one Python file with Pyodide (CPython compiled to WebAssembly) under Node, loaded from node_modules.
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const file = process.argv[2];
const pyodide = await loadPyodide({
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
try {
  pyodide.globals.set("__file__", file);
  await pyodide.runPythonAsync(readFileSync(file, "utf8"), { filename: file });
} catch (error) {
  process.stderr.write(String(error.message ?? error) + "\n");
  process.exit(1);
}
