#!/usr/bin/env bash
# Builds the offline base image for Jib: a jlink'd Java 17 runtime plus Debian's libc6, zlib, libgcc, libstdc++, libgomp (XGBoost),
# tzdata and CA certificates, packed as a docker-archive tar. No Docker engine and no registry needed: the JRE comes
# from the local JDK and the libraries from `apt-get download`.
#
#   deploy/base-image/build-base-image.sh [OUT.tar]     (default: target/base-image/edge-base-jre17.tar)
#
# Then: ./mvnw -Poffline-base -DskipTests package jib:buildTar
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$ROOT/target/base-image/edge-base-jre17.tar}
TAG=${EDGE_BASE_TAG:-edge-ai/base-jre17:local}
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
# Modules Spring Boot, Netty, H2, Micrometer and DJL need at run time (java.desktop for java.beans).
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,\
jdk.zipfs,jdk.localedata,jdk.charsets,jdk.naming.dns
PACKAGES=(libc6 zlib1g libgcc-s1 libstdc++6 libgomp1 tzdata ca-certificates)

if [[ -f $OUT && ${EDGE_BASE_REBUILD:-false} != true ]]; then
  echo "base image already built: $OUT (EDGE_BASE_REBUILD=true to rebuild)"
  exit 0
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
mkdir -p "$ROOTFS/opt" "$WORK/debs" "$(dirname "$OUT")"

echo "==> jlink a Java runtime from $JAVA_HOME"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$ROOTFS/opt/java"

echo "==> Debian packages: ${PACKAGES[*]}"
(cd "$WORK/debs" && apt-get -o APT::Sandbox::User=root download "${PACKAGES[@]}" >/dev/null)
for deb in "$WORK"/debs/*.deb; do dpkg -x "$deb" "$ROOTFS"; done
# The CA bundle is normally made by update-ca-certificates at install time; the JRE brings its own cacerts.
rm -rf "$ROOTFS/usr/share/doc" "$ROOTFS/usr/share/man" "$ROOTFS/usr/share/lintian" "$ROOTFS/usr/share/locale"

mkdir -p "$ROOTFS/tmp" "$ROOTFS/etc" "$ROOTFS/app" "$ROOTFS/data"
chmod 1777 "$ROOTFS/tmp"
chmod 0777 "$ROOTFS/data"
printf 'root:x:0:0:root:/root:/bin/sh\nedge:x:10001:10001:edge:/data:/sbin/nologin\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nedge:x:10001:\n' >"$ROOTFS/etc/group"
ln -sf /usr/share/zoneinfo/UTC "$ROOTFS/etc/localtime"
# Debian keeps libraries under /usr/lib with /lib a symlink (merged /usr); make sure the loader finds them.
for d in lib lib64 bin sbin; do
  if [[ ! -e $ROOTFS/$d && -d $ROOTFS/usr/$d ]]; then ln -s "usr/$d" "$ROOTFS/$d"; fi
done

echo "==> packing $OUT"
LAYERS=$WORK/image
mkdir -p "$LAYERS"
tar --sort=name --mtime='2000-01-01 00:00Z' --owner=0 --group=0 --numeric-owner -C "$ROOTFS" -cf "$LAYERS/layer.tar" .
DIFF=$(sha256sum "$LAYERS/layer.tar" | cut -d' ' -f1)
mkdir "$LAYERS/$DIFF" && mv "$LAYERS/layer.tar" "$LAYERS/$DIFF/layer.tar"
cat >"$LAYERS/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","TZ=UTC"],
           "WorkingDir":"/"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$DIFF"]},
 "history":[{"created_by":"deploy/base-image/build-base-image.sh (jlink JRE 17 + Debian ${PACKAGES[*]})"}]}
JSON
CFG=$(sha256sum "$LAYERS/config.json" | cut -d' ' -f1)
mv "$LAYERS/config.json" "$LAYERS/$CFG.json"
echo "[{\"Config\":\"$CFG.json\",\"RepoTags\":[\"$TAG\"],\"Layers\":[\"$DIFF/layer.tar\"]}]" >"$LAYERS/manifest.json"
tar -C "$LAYERS" -cf "$OUT" manifest.json "$CFG.json" "$DIFF"
echo "built $OUT ($(du -h "$OUT" | cut -f1))"
