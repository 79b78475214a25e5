#!/usr/bin/env bash
# Builds every CPU image of the fleet, tagged framefleet/<name>:dev: the six services, Kafka and
# S3Mock. Expects `./mvnw install -DskipTests` done (the services' fast-jars, the broker class
# path, the S3Mock jar, the contracts jar). Builds the base image first when it is missing.
# Prints each image's size and build time, and removes the image a tag named before.
#   infra/docker/build-images.sh [name ...]    (default: all)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/infra/docker"
tag="${FRAMEFLEET_IMAGE_TAG:-dev}"
services=(ingest planner interpolator superres evaluator keyframe)
all=(kafka s3mock "${services[@]}")
names=("$@")
[ "${#names[@]}" -gt 0 ] || names=("${all[@]}")

"$here/base/build-base.sh"
# The legacy builder works with Debian's Docker daemon and needs no buildx plugin.
export DOCKER_BUILDKIT=0

work="$(mktemp -d /tmp/framefleet-images.XXXXXX)"
trap 'rm -rf "$work"' EXIT

require() {
  if [ ! -e "$1" ]; then
    echo "build-images: $1 is missing; run ./mvnw -B install -DskipTests first" >&2
    exit 1
  fi
}

# Prints the build context of one image, preparing it when it is not a folder of the build.
context() {
  local name="$1"
  case "$name" in
    kafka)
      local ctx="$work/kafka" lib="$root/infra/kafka-broker/target/lib"
      local contracts="$root/shared/contracts/target/contracts-0.1.0-SNAPSHOT.jar"
      require "$lib"
      require "$contracts"
      mkdir -p "$ctx/lib" "$ctx/classes"
      cp "$lib"/*.jar "$contracts" "$ctx/lib/"
      cp "$here/kafka/log4j2.properties" "$ctx/"
      javac --release 17 -nowarn -d "$ctx/classes" -cp "$ctx/lib/*" "$here/kafka/KafkaNode.java" >&2
      echo "$ctx"
      ;;
    s3mock)
      local ctx="$work/s3mock" jar
      jar=$(ls "$root"/infra/fleet/target/servers/s3mock/s3mock-*-exec.jar 2>/dev/null | head -1 || true)
      require "${jar:-$root/infra/fleet/target/servers/s3mock/s3mock-exec.jar}"
      mkdir -p "$ctx"
      cp "$jar" "$ctx/s3mock-exec.jar"
      echo "$ctx"
      ;;
    *)
      require "$root/services/$name/target/quarkus-app/quarkus-run.jar"
      echo "$root/services/$name/target/quarkus-app"
      ;;
  esac
}

summary=()
total_started=$(date +%s)
for name in "${names[@]}"; do
  [ -f "$here/$name/Dockerfile" ] || { echo "build-images: no image named $name (known: ${all[*]})" >&2; exit 2; }
  started=$(date +%s)
  ctx="$(context "$name")"
  previous=$(docker image inspect --format '{{.Id}}' "framefleet/$name:$tag" 2>/dev/null || true)
  if ! docker build -q -f "$here/$name/Dockerfile" -t "framefleet/$name:$tag" "$ctx" >"$work/$name.build.log" 2>&1; then
    cat "$work/$name.build.log" >&2
    echo "build-images: framefleet/$name:$tag failed" >&2
    exit 1
  fi
  # The image this tag named before is left untagged by the build; every rebuild would keep
  # another half a gigabyte (disks filled up this way). Removed unless a container still uses it.
  current=$(docker image inspect --format '{{.Id}}' "framefleet/$name:$tag")
  if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
    docker image rm "$previous" >/dev/null 2>&1 || true
  fi
  seconds=$(( $(date +%s) - started ))
  size=$(docker image inspect --format '{{.Size}}' "framefleet/$name:$tag")
  line=$(printf '%-28s %6d MiB %5d s' "framefleet/$name:$tag" $((size / 1024 / 1024)) "$seconds")
  echo "build-images: $line"
  summary+=("$line")
done
echo "build-images: $(( $(date +%s) - total_started )) s in all; sizes include the base image:"
printf '  %s\n' "${summary[@]}"
