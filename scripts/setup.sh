#!/bin/sh
# samverkan: make sure this machine has what `npm start`, `npm test` and `npm run bench` need.
#
#   Debian packages  chromium and chromium-headless-shell (browser for flows; the shell runs them
#                    headless at a third of the CPU), libxml2-utils (xmllint: tests hold the
#                    in-process XSD validator to its verdicts, and c14n checks),
#                    softhsm2 and opensc (PKCS#11 token for the eID app simulator)
#   Node             20.19 or newer (package.json "engines")
#   node_modules     `npm ci` when missing or when package-lock.json changed since the last one
#
# Installs what is missing when it can (apt as root, npm ci), otherwise says exactly what to run
# and exits 1. Prints nothing when everything is in place. Never downloads Playwright's browsers.
set -eu

cd "$(dirname "$0")/.."

say() { printf 'samverkan: %s\n' "$*"; }
fail() {
  for line in "$@"; do printf 'samverkan: %s\n' "$line" >&2; done
  exit 1
}

# --- Node ------------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 ||
  fail "Node.js is not installed; samverkan needs Node 20.19 or newer (Debian: the nodesource nodejs 20 package)."
node_version=$(node -p 'process.versions.node')
node_major=${node_version%%.*}
node_minor=${node_version#*.}
node_minor=${node_minor%%.*}
if [ "$node_major" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "$node_minor" -lt 19 ]; }; then
  fail "Node $node_version is too old; samverkan needs Node 20.19 or newer (20 LTS or 22+)." \
    "Install it (Debian: the nodesource nodejs 20 package), then run the command again."
fi

# --- Debian packages -------------------------------------------------------------------------
# Sets $missing to the Debian packages whose binary is not on PATH.
find_missing() {
  missing=''
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] || missing="$missing chromium"
  else
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    [ -x /usr/bin/chromium-headless-shell ] || missing="$missing chromium-headless-shell"
  fi
  command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
  command -v softhsm2-util >/dev/null 2>&1 || missing="$missing softhsm2"
  command -v pkcs11-tool >/dev/null 2>&1 || missing="$missing opensc"
  missing=${missing# }
}
find_missing

if [ -n "$missing" ]; then
  install_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing"
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "missing: $missing (no apt-get here; samverkan is built for Debian 12)." \
      "Install the equivalent packages so that chromium, xmllint, softhsm2-util and pkcs11-tool are on PATH."
  fi
  if [ "$(id -u)" -ne 0 ]; then
    fail "missing Debian packages: $missing. Run:" \
      "  sudo apt-get install -y $missing" \
      "or, as root: $install_cmd"
  fi
  say "installing $missing (apt)…"
  apt_log="${TMPDIR:-/tmp}/samverkan-apt.log"
  # shellcheck disable=SC2086 # $missing is a space-separated package list
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; } \
    </dev/null >"$apt_log" 2>&1; then
    tail -n 15 "$apt_log" >&2 || true
    fail "apt could not install: $missing (full log: $apt_log)." \
      "Check access to the Debian mirrors, then run as root: $install_cmd"
  fi
  requested=$missing
  find_missing
  [ -z "$missing" ] ||
    fail "apt installed $requested, but these are still not found: $missing (looked for chromium or \$CHROMIUM_PATH, xmllint, softhsm2-util, pkcs11-tool on PATH=$PATH)."
fi

# --- node_modules ----------------------------------------------------------------------------
stamp=node_modules/.samverkan-lock-sha256
[ -f package-lock.json ] ||
  fail "package-lock.json is missing; restore it (git checkout package-lock.json) and run again."
if command -v sha256sum >/dev/null 2>&1; then
  lock_sha=$(sha256sum package-lock.json | cut -d' ' -f1)
else
  lock_sha=$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync("package-lock.json")).digest("hex"))')
fi
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sha" ]; then
  # npm ci empties node_modules; through a symlink that would wipe another checkout's install.
  [ ! -L node_modules ] ||
    fail "node_modules is a symlink to $(readlink node_modules) and its packages do not match package-lock.json;" \
      "npm ci here would empty the folder it points to. Install there, or replace the link: rm node_modules && npm ci"
  say "installing npm packages (npm ci)…"
  if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund </dev/null; then
    fail "npm ci failed (see above). Check access to the npm registry, then run:" \
      "  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund"
  fi
  printf '%s\n' "$lock_sha" >"$stamp"
fi
