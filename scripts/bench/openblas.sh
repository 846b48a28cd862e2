#!/usr/bin/env bash
# Prints the directory of an OpenBLAS libblas.so.3 (pthread build): Debian's libopenblas0-pthread
# when installed, else the same package unpacked under target/openblas without installing it
# (installing it would switch the machine's libblas.so.3 alternative for every program).
set -euo pipefail
system=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [[ -e $system/libblas.so.3 ]]; then
  echo "$system"
  exit 0
fi
local_dir=target/openblas
if [[ ! -e $local_dir/x/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]]; then
  mkdir -p "$local_dir"
  (cd "$local_dir" && apt-get download libopenblas0-pthread >&2 && dpkg -x libopenblas0-pthread_*.deb x)
fi
echo "$(cd "$local_dir/x/usr/lib/x86_64-linux-gnu/openblas-pthread" && pwd)"
