#!/usr/bin/env bash
# Builds local stand-ins for the base images the Dockerfile names, for machines that cannot pull
# from a container registry but can reach Debian's package mirror.
#
#   eclipse-temurin:17-jdk  <- Debian bookworm minbase + openjdk-17-jdk-headless
#   eclipse-temurin:17-jre  <- the same rootfs with the JDK tools purged (openjdk-17-jre-headless)
#
# The JRE stand-in really is a JRE, so a runtime stage that needs a JDK tool fails here as it would
# on the real temurin JRE image. Both keep java on PATH at /usr/bin/java (Debian's alternatives),
# which is all the Dockerfile relies on; the real images have it at /opt/java/openjdk/bin/java.
#
# Idempotent: does nothing when both images exist (FORCE=1 rebuilds them). The debootstrap rootfs
# is cached under $CACHE_DIR, so a rebuild of the images after `podman rmi` takes seconds.
#
# Needs root. Installs podman, buildah, runc and debootstrap with apt-get when they are missing.
set -euo pipefail

CACHE_DIR="${CACHE_DIR:-/var/tmp/backprop-base-images}"
SUITE="${SUITE:-bookworm}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
JDK_IMAGE="docker.io/library/eclipse-temurin:17-jdk"
JRE_IMAGE="docker.io/library/eclipse-temurin:17-jre"
JAVA_HOME_DIR="/usr/lib/jvm/java-17-openjdk-amd64"

log() { printf '[make-base-images] %s\n' "$*" >&2; }

[ "$(id -u)" -eq 0 ] || { log "must run as root"; exit 1; }

install_missing_tools() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v buildah >/dev/null || missing+=(buildah)
  command -v runc >/dev/null || missing+=(runc)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  # Another apt-get may hold the dpkg lock on a shared machine: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -q
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"
}

images_exist() {
  podman image exists "$JDK_IMAGE" && podman image exists "$JRE_IMAGE"
}

# debootstrap into a temporary folder and rename it only when it is complete, so an interrupted
# run never leaves a half-made rootfs that a later run would take for the cache.
make_jdk_rootfs() {
  local dir="$CACHE_DIR/jdk-rootfs"
  if [ -x "$dir$JAVA_HOME_DIR/bin/javac" ]; then
    log "reusing cached rootfs $dir"
    return 0
  fi
  rm -rf "$dir" "$dir.partial"
  mkdir -p "$CACHE_DIR"
  log "debootstrap $SUITE into $dir (a few minutes)"
  debootstrap --variant=minbase --include=openjdk-17-jdk-headless "$SUITE" "$dir.partial" "$MIRROR" >&2
  rm -rf "$dir.partial"/var/cache/apt/archives/*.deb "$dir.partial"/var/lib/apt/lists/*
  mv "$dir.partial" "$dir"
}

make_jre_rootfs() {
  local jdk="$CACHE_DIR/jdk-rootfs" dir="$CACHE_DIR/jre-rootfs"
  if [ -x "$dir$JAVA_HOME_DIR/bin/java" ] && [ ! -e "$dir$JAVA_HOME_DIR/bin/javac" ]; then
    log "reusing cached rootfs $dir"
    return 0
  fi
  rm -rf "$dir" "$dir.partial"
  cp -a "$jdk" "$dir.partial"
  chroot "$dir.partial" dpkg --purge openjdk-17-jdk-headless >&2
  mv "$dir.partial" "$dir"
}

# Where this machine reaches the registries through a TLS-inspecting proxy, the JVM in the images
# must trust the same extra CAs as the host, or the wrapper cannot download Maven. They are public
# CA certificates that the host already trusts (/usr/local/share/ca-certificates), nothing secret;
# update-ca-certificates also rewrites the JVM's cacerts through ca-certificates-java's hook.
trust_host_cas() {
  local dir="$1" src=/usr/local/share/ca-certificates stamp="$1.host-ca-certificates.sha256" sums
  compgen -G "$src/*.crt" >/dev/null || return 0
  sums=$(cd "$src" && sha256sum ./*.crt)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sums" ] && return 0
  log "adding the host's CA certificates from $src to $dir"
  mkdir -p "$dir$src"
  cp "$src"/*.crt "$dir$src"/
  # The java launcher finds its libraries through /proc/self/exe.
  mount -t proc proc "$dir/proc"
  local rc=0
  { chroot "$dir" update-ca-certificates >&2 \
      && chroot "$dir" dpkg --configure -a >&2 \
      && chroot "$dir" keytool -list -cacerts -storepass changeit > "$CACHE_DIR/cacerts.txt"; } || rc=$?
  umount "$dir/proc"
  [ "$rc" -eq 0 ] || return "$rc"
  # update-ca-certificates exits 0 even when the JVM's hook fails: look in the JVM's trust store.
  local cert fingerprint
  for cert in "$src"/*.crt; do
    fingerprint=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | cut -d= -f2)
    grep -qF "$fingerprint" "$CACHE_DIR/cacerts.txt" || { log "$cert is not in $dir's JVM cacerts"; return 1; }
  done
  printf '%s' "$sums" > "$stamp"
}

# The image config mirrors what matters of the real temurin images: java on PATH, JAVA_HOME, a
# UTF-8 locale, bash as the default command.
import_image() {
  local dir="$1" name="$2"
  log "importing $dir as $name"
  tar -C "$dir" -c . | podman import \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV JAVA_HOME=$JAVA_HOME_DIR" \
    --change "ENV LANG=C.UTF-8" \
    --change 'CMD ["/bin/bash"]' \
    - "$name" >/dev/null
}

check_image() {
  local name="$1"
  # The machine's hard rlimits are below podman's defaults: ask for no more than they allow.
  podman run --rm --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 \
    --network=none "$name" sh -c 'command -v java && java -version' >&2
}

install_missing_tools
if [ "${FORCE:-0}" != 1 ] && images_exist; then
  log "$JDK_IMAGE and $JRE_IMAGE exist; nothing to do (FORCE=1 rebuilds)"
  exit 0
fi
make_jdk_rootfs
make_jre_rootfs
trust_host_cas "$CACHE_DIR/jdk-rootfs"
trust_host_cas "$CACHE_DIR/jre-rootfs"
import_image "$CACHE_DIR/jdk-rootfs" "$JDK_IMAGE"
import_image "$CACHE_DIR/jre-rootfs" "$JRE_IMAGE"
check_image "$JDK_IMAGE"
check_image "$JRE_IMAGE"
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep eclipse-temurin >&2
