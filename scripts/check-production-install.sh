#!/usr/bin/env bash
# Copies the committed files and the build (dist/) to a new folder, installs there with
# `npm ci --omit=dev` (no Vite, esbuild, TypeScript or tsx), starts `npm start` on the embedded
# database with the demo, and checks that the API and the web client answer. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/build.json ] || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }
pkg="$(mktemp -d)"
# npm start runs the server as a grandchild: it gets its own process group, and the whole group is
# stopped on exit (killing npm alone left the server running after CI).
# The group is given up to 10 s to exit before its folder goes (removing it while PGlite still writes
# its data folder failed the check once), and a leftover temporary folder never fails the check.
stop_and_clean() {
  if [ -n "${server:-}" ]; then
    kill -- "-$server" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 -- "-$server" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- "-$server" 2>/dev/null || true
  fi
  rm -rf "$pkg" 2>/dev/null || { sleep 1; rm -rf "$pkg" 2>/dev/null || true; }
}
trap stop_and_clean EXIT
git ls-files -z | xargs -0 cp --parents -t "$pkg"
cp -r dist "$pkg/"
cd "$pkg"
npm ci --omit=dev --no-audit --no-fund >/dev/null
for dev in vite esbuild typescript tsx vitest; do
  [ ! -e "node_modules/$dev" ] || { echo "development dependency $dev was installed by --omit=dev" >&2; exit 1; }
done
port=$((20000 + RANDOM % 20000))
PORT=$port KEXIN_SWEEP_SECONDS=0 setsid npm start >"$pkg/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/api/health" >/dev/null || { cat "$pkg/server.log"; echo "the built package did not start" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/login" | grep -q '<div id="root"' || { echo "the web client is not served" >&2; exit 1; }
echo "built package installed with --omit=dev and started: $(grep -m1 "已启动" "$pkg/server.log")"
