#!/usr/bin/env bash
# Release check: build the .deb, install it with dpkg on this machine, start the INSTALLED app under
# Xvfb on a fresh database, check that the first-run wizard shows, then remove the package.
#
#   bash scripts/release-check.sh              builds the .deb (scripts/bundle.sh --bundles deb) first
#   bash scripts/release-check.sh FILE.deb     checks a .deb already built
#
# Needs root (or sudo) for dpkg/apt-get, Xvfb, tauri-driver and WebKitWebDriver (webkit2gtk-driver),
# ImageMagick's `import`, curl and python3 — `bash scripts/setup.sh test` installs all of them.
# The screenshot is left in $LIAISON_CHECK_OUT (default: target/release-check/first-run.png).
#
# How "the first-run screen shows" is checked: through WebDriver (tauri-driver → WebKitWebDriver →
# /usr/bin/liaison-desk), the page is asked for the visible element [data-testid=first-run]. That element
# exists only when the installed binary has started, WebKitGTK has loaded the UI embedded in the binary
# (custom protocol, CSP), and the UI has asked the core over IPC whether this database needs setting up —
# the things a package breaks. A log line or a live process would prove only the first of them, and a
# screenshot alone needs a person to look at it (it is taken too, for that person).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
step() { printf '\n==> %s\n' "$*"; }
t0=$(date +%s)

deb="${1:-}"
if [ -z "$deb" ]; then
  step "building the .deb"
  bash scripts/bundle.sh --bundles deb
  deb="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)"
fi
[ -f "$deb" ] || { echo "no such .deb: $deb" >&2; exit 1; }
t_built=$(date +%s)
pkg="$(dpkg-deb -f "$deb" Package)"
printf '%s: %s %s, %s bytes\n' "$deb" "$pkg" "$(dpkg-deb -f "$deb" Version)" "$(stat -c %s "$deb")"
printf 'Depends: %s\n' "$(dpkg-deb -f "$deb" Depends)"

work="$(mktemp -d)"
xvfb_pid=""; driver_pid=""; installed=""
cleanup() {
  set +e
  if [ -n "$driver_pid" ]; then
    # tauri-driver → WebKitWebDriver → the app: stop the whole tree, children first noted.
    tree="$(pgrep -P "$driver_pid"; for c in $(pgrep -P "$driver_pid"); do pgrep -P "$c"; done)"
    kill "$driver_pid" 2>/dev/null; sleep 1
    for p in $tree; do kill "$p" 2>/dev/null; done
  fi
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  if [ -n "$installed" ]; then
    step "removing the package"
    $SUDO dpkg -r "$pkg"
    [ ! -e /usr/bin/liaison-desk ] && echo "removed: /usr/bin/liaison-desk is gone"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step "installing $pkg with dpkg -i"
if ! $SUDO dpkg -i "$deb"; then
  step "dependencies missing: apt-get -f install"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -f install -y -qq
fi
installed=1
dpkg -s "$pkg" | grep -E '^(Status|Version|Installed-Size):'
bin=/usr/bin/liaison-desk
[ -x "$bin" ] || { echo "FAIL: $bin not installed" >&2; exit 1; }
desktop="$(dpkg -L "$pkg" | grep '\.desktop$' | head -1)"
echo "desktop entry: $desktop"
grep -E '^(Name|Exec|Icon)=' "$desktop"
grep -qx 'Name=委员联络工作台' "$desktop" || { echo "FAIL: the desktop entry is not named 委员联络工作台" >&2; exit 1; }
echo "icons: $(dpkg -L "$pkg" | grep -c '/icons/hicolor/.*\.png$') ($(dpkg -L "$pkg" | grep -o 'hicolor/[^/]*' | sort -u | tr '\n' ' '))"
missing_libs="$(ldd "$bin" | grep 'not found' || true)"
[ -z "$missing_libs" ] || { echo "FAIL: libraries missing: $missing_libs" >&2; exit 1; }
t_installed=$(date +%s)

step "starting the installed app under Xvfb on a fresh database"
n="${LIAISON_CHECK_DISPLAY:-97}"
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
export DISPLAY=":$n"
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
native="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export LIAISON_DB="$work/fresh.db"
export LIAISON_EXPORT_DIR="$work"
PATH="$HOME/.cargo/bin:$PATH" tauri-driver --port "$port" --native-port "$native" >"$work/driver.log" 2>&1 &
driver_pid=$!
wd="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -s "$wd/status" >/dev/null && break; sleep 0.2; done
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
caps='{"capabilities":{"alwaysMatch":{"browserName":"wry","tauri:options":{"application":"'"$bin"'"}}}}'
t_start=$(date +%s.%N)
sid="$(curl -s -X POST -H 'Content-Type: application/json' -d "$caps" "$wd/session" | json 'd["value"]["sessionId"]')"
shown=""
for _ in $(seq 200); do
  ids="$(curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"using":"css selector","value":"[data-testid=first-run]"}' "$wd/session/$sid/elements" |
    json '" ".join(list(e.values())[0] for e in d["value"])')"
  for el in $ids; do
    if [ "$(curl -s "$wd/session/$sid/element/$el/displayed" | json 'd["value"]')" = True ]; then
      shown="$el"; break 2
    fi
  done
  sleep 0.1
done
t_shown=$(date +%s.%N)
out="${LIAISON_CHECK_OUT:-$CARGO_TARGET_DIR/release-check}"
mkdir -p "$out"
sleep 1  # let the wizard's fade-in finish before the picture
import -window root "$out/first-run.png"
echo "screenshot: $out/first-run.png"
if [ -z "$shown" ]; then
  echo "FAIL: the first-run wizard [data-testid=first-run] did not show within 20 s" >&2
  tail -20 "$work/driver.log" >&2
  exit 1
fi
text="$(curl -s "$wd/session/$sid/element/$shown/text" | json 'd["value"]' | head -3 | tr '\n' ' ')"
echo "OK: the first-run wizard shows ($(printf '%.1f' "$(echo "$t_shown - $t_start" | bc)") s after the start): $text"
[ -f "$LIAISON_DB" ] && echo "OK: the fresh database was created at LIAISON_DB ($(stat -c %s "$LIAISON_DB") bytes)"
curl -s -X DELETE "$wd/session/$sid" >/dev/null || true
t_end=$(date +%s)
step "times: build $((t_built - t0)) s, install $((t_installed - t_built)) s, start and check $((t_end - t_installed)) s, total $((t_end - t0)) s"
