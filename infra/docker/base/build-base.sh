#!/usr/bin/env bash
# Builds framefleet/base-jre17, the base of every framefleet image, from Debian packages alone:
# no registry image can be pulled where this runs, so the root file system is made with
# debootstrap and imported. Installs Debian's Docker engine and debootstrap, and starts dockerd,
# when missing.
# Reuses the image when it exists (FRAMEFLEET_REBUILD_BASE=1 rebuilds it).
set -euo pipefail

image="${FRAMEFLEET_BASE_IMAGE:-framefleet/base-jre17}"
suite="${FRAMEFLEET_BASE_SUITE:-bookworm}"
log_dir="${FRAMEFLEET_DOCKER_LOGS:-/var/log/framefleet}"
# openjdk-17-jre-headless: the services' runtime.
# libgomp1: OpenMP runtime for native code that does not bundle its own (DJL's libtorch does).
# libgtk2.0-0: JavaCPP's OpenCV build links its highgui module against GTK 2 (with cairo and
#   gdk-pixbuf), and loading any OpenCV class (DIS optical flow in the interpolator) loads it:
#   without it the interpolator fails every task with "libgtk-x11-2.0.so.0: cannot open
#   shared object file" (found by the container suite). Nothing opens a window.
# ca-certificates: TLS to real S3 endpoints and model buckets.
# tzdata: java.time zone rules for log and report timestamps.
packages=openjdk-17-jre-headless,libgomp1,libgtk2.0-0,ca-certificates,tzdata

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "build-base: $1 needs root" >&2
    exit 1
  fi
}

install_missing() {
  local missing=()
  # Debian's name for the Docker engine package.
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  if [ "${#missing[@]}" -gt 0 ]; then
    need_root "installing ${missing[*]}"
    echo "build-base: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

start_dockerd() {
  if docker info >/dev/null 2>&1; then
    return
  fi
  need_root "starting dockerd"
  mkdir -p "$log_dir"
  echo "build-base: starting dockerd (log: $log_dir/dockerd.log)"
  # No iptables: the machines this runs on may not allow it, and every container uses the
  # host network anyway. The default bridge stays, because Testcontainers inspects it.
  nohup dockerd --iptables=false --ip-masq=false >"$log_dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      return
    fi
    sleep 1
  done
  echo "build-base: dockerd did not answer within 60 s; see $log_dir/dockerd.log" >&2
  tail -20 "$log_dir/dockerd.log" >&2 || true
  exit 1
}

install_missing
start_dockerd

if [ -z "${FRAMEFLEET_REBUILD_BASE:-}" ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-base: $image exists, reused"
  exit 0
fi
need_root "debootstrap"

started=$(date +%s)
root="$(mktemp -d /tmp/framefleet-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
echo "build-base: debootstrap $suite with $packages into $root"
debootstrap --variant=minbase --include="$packages" "$suite" "$root" >"$root.debootstrap.log" 2>&1 || {
  tail -30 "$root.debootstrap.log" >&2
  exit 1
}
rm -f "$root.debootstrap.log"

# The user every service runs as (uid 1000, as the k8s manifests' runAsUser expect); its home
# holds the caches JavaCPP and DJL unpack their native libraries into.
chroot "$root" groupadd --gid 1000 framefleet
chroot "$root" useradd --uid 1000 --gid 1000 --create-home --home-dir /home/framefleet --shell /usr/sbin/nologin framefleet
mkdir -p "$root/app"
# Nothing the image uses at run time: package lists, caches, manuals, and GTK's icon themes and
# the message translations (about 95 MiB; nothing draws or speaks anything but English).
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/man/* \
  "$root"/usr/share/doc/* "$root"/usr/share/info/* "$root"/var/log/*.log \
  "$root"/usr/share/icons/* "$root"/usr/share/locale/*

tar -C "$root" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  --change 'ENV HOME=/home/framefleet' \
  --change 'WORKDIR /app' \
  --change 'USER 1000:1000' \
  --change 'CMD ["java", "-version"]' \
  - "$image" >/dev/null
finished=$(date +%s)
size=$(docker image inspect --format '{{.Size}}' "$image")
echo "build-base: $image built in $((finished - started)) s, $((size / 1024 / 1024)) MiB"
