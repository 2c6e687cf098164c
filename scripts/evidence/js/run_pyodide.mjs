// Runs one Python file with Pyodide (CPython compiled to WebAssembly) under Node, loaded from node_modules.
import { loadPyodide } from "pyodide";

const file = process.argv[2];
const cwd = process.cwd();
const pyodide = await loadPyodide({
  env: { HOME: cwd, EVIDENCE_DATA: process.env.EVIDENCE_DATA ?? "" },
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
// The working folder is mounted at the same path, so the snippet reads itself and writes its data file there.
pyodide.FS.mkdirTree(cwd);
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: cwd }, cwd);
pyodide.FS.chdir(cwd);
pyodide.globals.set("_evidence_file", file);
try {
  // Run as __main__, and turn SystemExit into the process's exit code as `python file.py` would.
  const code = await pyodide.runPythonAsync(`
def _evidence_main(path):
    with open(path) as f:
        code = compile(f.read(), path, "exec")
    try:
        exec(code, {"__name__": "__main__", "__file__": path})
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return 0
_evidence_main(_evidence_file)
`);
  process.exitCode = code;
} catch (error) {
  process.stderr.write(String(error.message ?? error) + "\n");
  process.exitCode = 1;
}
