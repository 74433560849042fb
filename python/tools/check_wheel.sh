#!/usr/bin/env bash
# Builds the swiftgenn wheel from this clone and checks that it installs and runs in a
# fresh virtual environment with no Swift toolchain: a platform tag, a library that
# needs no libswift* and no file of the toolchain, and a model that builds, runs and
# spikes. Prints the build time and the sizes.
#
#   python/tools/check_wheel.sh [WORK_FOLDER]
#
# WORK_FOLDER (default: a new temporary folder, removed at the end) receives the wheel,
# the virtual environment and the build cache. The build is the one `pip install ./python`
# runs; it needs `swift` on PATH, the run afterwards only a C++ compiler in /usr/bin.
set -euo pipefail
cd "$(dirname "$0")/../.."
repository=$PWD

if [ $# -gt 0 ]; then
  work=$(mkdir -p "$1" && cd "$1" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
python=${PYTHON:-python3}
swift=$(command -v swift) || { echo "check_wheel: no swift on PATH to build with" >&2; exit 1; }
toolchain=$(dirname "$(dirname "$(readlink -f "$swift")")")

echo "== building the wheel (pip wheel ./python)"
rm -rf "$work/dist"
start=$(date +%s)
"$python" -m pip wheel --no-deps --disable-pip-version-check --wheel-dir "$work/dist" ./python
seconds=$(($(date +%s) - start))
wheels=("$work"/dist/swiftgenn-*.whl)
wheel=${wheels[0]}
echo "wheel: $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB, built in ${seconds}s"
case $(basename "$wheel") in
  *-py3-none-linux_*.whl | *-py3-none-macosx_*.whl) ;;
  *) echo "check_wheel: not a platform wheel for any Python 3: $(basename "$wheel")" >&2; exit 1 ;;
esac

echo "== a fresh virtual environment"
venv=$work/venv
rm -rf "$venv"
"$python" -m venv "$venv"
# numpy from pip; offline, the interpreter's own numpy through --system-site-packages.
if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"; then
  echo "pip could not install numpy; using the system's (--system-site-packages)"
  rm -rf "$venv"
  "$python" -m venv --system-site-packages "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$wheel"
fi

echo "== running without the Swift toolchain (env -i PATH=/usr/bin:/bin)"
mkdir -p "$work/home"
if env -i PATH=/usr/bin:/bin sh -c 'command -v swift'; then
  echo "check_wheel: swift is in /usr/bin or /bin; the check needs it absent" >&2
  exit 1
fi
env -i PATH=/usr/bin:/bin HOME="$work/home" "$venv/bin/python" python/tools/smoke_test.py "$toolchain"
echo "wheel check passed: $(basename "$wheel")"
