"""The wheel that `make wheel` builds installs and runs where nothing can be compiled: pip
takes it from a file alone (no index, no build), the README's Python session runs from it in
a fresh virtual environment, and its extension needs no library of the system beyond the C
and C++ runtime, the others being in the wheel; auditwheel names its manylinux policy.

`make test-wheel` (part of `make test`) builds the wheel and runs this file with the wheel's
path in CLAIMLEDGER_WHEEL; the usual pytest run (tests/python) does not collect it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from readme_blocks import is_expression, promised_output, python_blocks  # noqa: E402

#: What the extension may take from the system: the C runtime (glibc: libc, libm and the
#: pieces glibc ships beside them, the dynamic loader and the kernel's vDSO) and the C++
#: runtime (libstdc++, libgcc). Every other library must resolve inside the wheel.
SYSTEM_RUNTIME = {
    "libc.so.6",
    "libm.so.6",
    "libstdc++.so.6",
    "libgcc_s.so.1",
    "libpthread.so.0",
    "libdl.so.2",
    "librt.so.1",
    "libresolv.so.2",
    "ld-linux-x86-64.so.2",
    "linux-vdso.so.1",
}


@pytest.fixture(scope="module")
def wheel() -> Path:
    named = os.environ.get("CLAIMLEDGER_WHEEL", "")
    if not named or not Path(named).is_file():
        pytest.fail(
            f"CLAIMLEDGER_WHEEL={named!r} names no wheel: run `make test-wheel`, which builds "
            "it with `make wheel` and passes its path"
        )
    return Path(named)


def clean_environment() -> dict:
    """The environment without anything that would find claimledger outside the venv."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment (no system site packages) with the wheel installed from
    the file alone: no package index, nothing built."""
    folder = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run(
        [
            *(str(folder / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index"),
            *("--no-deps", "--no-build-isolation", "--only-binary", ":all:", str(wheel)),
        ],
        check=True,
        env=clean_environment(),
    )
    return folder


def installed_extension(venv: Path) -> Path:
    (extension,) = venv.glob("lib/python*/site-packages/claimledger/_core*.so")
    return extension


def test_the_wheel_is_manylinux_and_auditwheel_names_its_policy(wheel):
    assert re.search(r"-manylinux_2_\d+_x86_64\.whl$", wheel.name), wheel.name
    auditwheel = Path(sys.executable).parent / "auditwheel"
    shown = subprocess.run(
        [str(auditwheel), "show", str(wheel)], capture_output=True, text=True, check=True
    ).stdout
    policy = re.search(  # auditwheel wraps its lines
        r'consistent\s+with\s+the\s+following\s+platform\s+tag:\s+"(manylinux_2_\d+_x86_64)"', shown
    )
    assert policy, shown
    assert policy.group(1) in wheel.name


def ldd(path: Path) -> list[tuple[str, str]]:
    """(library name, where it resolved; "" for the vDSO) for each line of ldd's output."""
    found = []
    for line in subprocess.run(
        ["ldd", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        line = line.strip()
        if "=>" in line:
            name, where = (part.strip() for part in line.split("=>", 1))
            assert "not found" not in where, line
            found.append((name, where.split(" (")[0]))
        elif line:
            where = line.split(" (")[0]
            found.append((Path(where).name, where if "/" in where else ""))
    return found


def test_the_installed_extension_needs_only_the_c_and_cpp_runtime(venv):
    extension = installed_extension(venv)
    site = extension.parents[1].resolve()
    libraries = ldd(extension)
    assert any(name.startswith("libsqlite3") for name, _ in libraries)  # bundled, not missing
    outside = [
        (name, where)
        for name, where in libraries
        if name not in SYSTEM_RUNTIME and not Path(where).resolve().is_relative_to(site)
    ]
    assert outside == [], f"libraries from outside the wheel: {outside}"
    bundled = [
        name for name, where in libraries if where and Path(where).resolve().is_relative_to(site)
    ]
    assert any(name.startswith("libpq") for name in bundled), bundled


def test_the_readme_python_session_runs_from_the_wheel(venv, tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sessions = [code for code in python_blocks(readme) if not is_expression(code)]
    assert sessions
    python = str(venv / "bin" / "python")
    where = subprocess.run(
        [python, "-c", "import claimledger; print(claimledger.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=clean_environment(),
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where
    # The blocks run one after the other in one interpreter, as a reader types them.
    script = tmp_path / "readme_session.py"
    script.write_text("\n".join(sessions), encoding="utf-8")
    done = subprocess.run(
        [python, str(script)], capture_output=True, text=True, cwd=tmp_path, env=clean_environment()
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [line for code in sessions for line in promised_output(code)]
    assert sorted(tmp_path.glob("*.ledger")), "the README session should write a ledger file"


def test_the_sdist_holds_every_source_the_build_reads():
    """`pip install` of the sdist builds from source as before: it holds every file of the
    repository that the build reads, and nothing built."""
    named = os.environ.get("CLAIMLEDGER_SDIST", "")
    if not named or not Path(named).is_file():
        pytest.fail(f"CLAIMLEDGER_SDIST={named!r} names no sdist: run `make test-wheel`")
    with tarfile.open(named) as sdist:
        held = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    read = subprocess.run(
        [
            "git",
            "ls-files",
            "CMakeLists.txt",
            "pyproject.toml",
            "README.md",
            "cmake",
            "core",
            "python",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout.split()
    assert "core/src/workbench/workbench.cpp" in read
    assert sorted(set(read) - held) == []
    assert not [name for name in held if name.startswith(("build/", "dist/", ".venv/"))]
