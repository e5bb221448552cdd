"""Install the project with no extras into a new virtual environment and print what that costs:
seconds, packages and megabytes (site-packages), and whether `storygen draft` works offline.

    python bench/base_install.py [PROJECT_DIR]      # default: this checkout

pip's download cache is used as usual, so the seconds are those of a machine that has fetched
the packages once (resolving, building and unpacking, not downloading).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    project = Path(argv[0]) if argv else Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        start = time.perf_counter()
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(project)], check=True,
                       stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        listed = subprocess.run([str(python), "-m", "pip", "list", "--format", "freeze"],
                                check=True, capture_output=True, text=True).stdout.split()
        packages = [p for p in listed if not p.lower().startswith(("pip==", "setuptools=="))]
        site = next((venv / "lib").glob("python*/site-packages"))
        notes = project / "raw_notes" / "webhook-dlq.md"
        drafted = subprocess.run([str(venv / "bin" / "storygen"), "draft", str(notes), "--out",
                                  str(Path(tmp) / "out")], capture_output=True, text=True)
        print(f"base install: {seconds:.1f} s, {len(packages)} packages, "
              f"{folder_bytes(site) / 1e6:.0f} MB in site-packages")
        print(f"offline draft on the base install: exit {drafted.returncode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
