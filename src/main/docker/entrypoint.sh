#!/usr/bin/env bash
# The image's entry point: OpenBLAS's threads follow the CPUs the container may use, then the JVM
# replaces this shell (exec), so it is PID 1 and gets SIGTERM itself. Arguments go to the
# application (docker run backprop-service --server.port=9090).
#
# OpenBLAS starts one thread per core it sees when it loads, and it sees the host's cores: on a
# 64-core node a container limited to one CPU would start 64 threads, all throttled into one
# CPU's quota. OPENBLAS_NUM_THREADS set from outside (an operator, or Kubernetes from the CPU
# limit: deploy/kubernetes/deployment.yaml) is kept; else it is the CPUs this container may use:
# the CFS quota rounded up (cgroup v2 cpu.max, or v1 cpu.cfs_quota_us / cpu.cfs_period_us), at
# most the CPUs it may run on (nproc, which follows the cpuset), and at least 1.
set -euo pipefail

# where the cgroup files are: the container's own cgroup (ContainerEntrypointTests points it elsewhere)
cgroup=${CGROUP_ROOT:-/sys/fs/cgroup}

container_cpus() {
  local cpus quota="" period=""
  cpus=$(nproc)
  if [[ -r $cgroup/cpu.max ]]; then
    read -r quota period < "$cgroup/cpu.max"
  elif [[ -r $cgroup/cpu/cpu.cfs_quota_us && -r $cgroup/cpu/cpu.cfs_period_us ]]; then
    quota=$(< "$cgroup/cpu/cpu.cfs_quota_us")
    period=$(< "$cgroup/cpu/cpu.cfs_period_us")
  fi
  # "max" (v2) or -1 (v1): no quota
  if [[ $quota =~ ^[0-9]+$ && $period =~ ^[0-9]+$ ]] && (( quota > 0 && period > 0 )); then
    local limit=$(( (quota + period - 1) / period ))
    if (( limit < cpus )); then
      cpus=$limit
    fi
  fi
  echo $(( cpus >= 1 ? cpus : 1 ))
}

export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-$(container_cpus)}
exec java -XX:SharedArchiveFile=application.jsa -jar application.jar "$@"
