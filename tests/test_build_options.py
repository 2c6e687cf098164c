"""Every timing names how its CPython was built: the flags come from the interpreter's own CONFIG_ARGS."""

import pytest

from evidence import registry, render


def test_a_cpython_is_described_by_what_its_configure_was_told():
    interp = registry.interpreter("build")
    assert interp is not None
    fp = interp.fingerprint
    options = render.build_options(fp)
    given = fp["config_args"]
    assert ("PGO on" in options) == ("--enable-optimizations" in given), options
    assert ("LTO on" in options) == ("--with-lto" in given), options
    assert "--prefix=" not in options


def test_the_free_threaded_build_is_named_as_built_without_the_gil():
    interp = registry.interpreter(registry.newest("free-threaded"))
    if interp is None:
        pytest.skip("no free-threaded CPython here; scripts/install_cpython.sh 3.13t builds one")
    options = render.build_options(interp.fingerprint)
    assert "no GIL" in options and "--disable-gil" in options, options


def test_a_jit_build_is_named_even_before_sys_jit_existed():
    fp = {"config_args": "'--enable-experimental-jit=yes-off' '--prefix=/opt/x'", "jit_available": None}
    assert render.build_flags(fp) == "PGO off, LTO off, JIT built in, off, GIL"
    assert render.build_flags({**fp, "jit_enabled": True}) == "PGO off, LTO off, JIT on, GIL"


def test_debian_builds_say_their_optimisations_are_not_recorded():
    fp = {"config_args": "'--enable-shared' '--enable-experimental-jit=yes-off'", "debian_build": True}
    assert render.build_flags(fp) == ("Debian's package (its PGO and LTO are not recorded in CONFIG_ARGS), "
                                      "JIT built in, off, GIL")


def test_an_implementation_without_configure_options_gets_no_build_line():
    assert render.build_flags({"implementation": "PyPy"}) == ""
    assert render.build_options({"config_args": None}) == ""


def test_a_timing_run_line_names_the_build_and_an_untimed_one_does_not():
    result = render.Result.__new__(render.Result)  # only the fields run_line reads
    fields = {"snippet": "gil/01_cpu_scaling.py", "command": "python3 snippets/gil/01_cpu_scaling.py",
              "exit_code": 0, "wall_seconds": 1.0, "others_cpu": 0.1, "source": [["01_cpu_scaling.py", "pass\n"]],
              "interpreter": {"config_args": "'--disable-gil'", "free_threaded_build": True}}
    for name, value in fields.items():
        object.__setattr__(result, name, value)
    assert "timed on a build with PGO off, LTO off, JIT not built, no GIL" in render.run_line(result, "gil/", True)
    assert "timed on a build" not in render.run_line(result, "gil/", False)


def test_a_timing_run_on_several_interpreters_names_each_build():
    def result(config_args, version):
        made = render.Result.__new__(render.Result)
        for name, value in {"snippet": "gil/01_cpu_scaling.py", "command": "python3 x.py", "exit_code": 0,
                            "wall_seconds": 1.0, "others_cpu": None, "output": "ok",
                            "source": [["01_cpu_scaling.py", "pass\n"]],
                            "interpreter": {"implementation": "CPython", "version": version,
                                            "config_args": config_args}}.items():
            object.__setattr__(made, name, value)
        return made

    page = render.evidence_tabs_each("gil/01_cpu_scaling.py", [("a", result("'--enable-optimizations'", "3.12.1")),
                                                               ("b", result("", "3.11.7"))], "gil/", timing=True)
    assert "CPython 3.12.1: PGO on, LTO off, JIT not built, GIL; CPython 3.11.7: PGO off" in page


def test_one_label_names_an_interpreter_everywhere_and_tells_a_running_jit_apart():
    fp = {"implementation": "CPython", "version": "3.14.2", "jit_available": True, "jit_enabled": True}
    assert render.interpreter_label(fp) == "CPython 3.14.2 with JIT on"
    assert render.interpreter_label({**fp, "jit_enabled": False}) == "CPython 3.14.2"
    interp = registry.interpreter("build")
    assert interp.label == render.interpreter_label(interp.fingerprint)
