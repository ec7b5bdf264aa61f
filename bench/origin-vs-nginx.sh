#!/usr/bin/env bash
# The origin (FsOriginServer) against nginx with sendfile, same files, same loopback, same run:
# wrk loads a 2.5 MB segment and a playlist from each, prints requests/s and MB/s (10^6 bytes of
# response, headers included, as wrk counts them) and the ratios origin/nginx.
# Goals: >= 0.8x nginx on segments, >= 0.5x on playlists.
#
#   mvn -B -q install -DskipTests      # once
#   ./bench/origin-vs-nginx.sh         # DURATION=10s ROUNDS=3 CONNECTIONS=32 WARMUP=8s THREADS=32 to change
#
# Installs nginx and wrk (Debian packages) when missing. Starts nginx on a free loopback port with
# a temporary config and stops it (and the origin) when done, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-8s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-32}
WRK_THREADS=${WRK_THREADS:-2}
ROUNDS=${ROUNDS:-3}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]} from the Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ ! -d bench/target/classes/io/vodkit/bench/origin ] || [ ! -d bench/target/lib ]; then
  echo "bench: build first: mvn -B -q install -DskipTests" >&2
  exit 1
fi

tmp=$(mktemp -d)
origin_pid=""
nginx_pid=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  [ -n "$origin_pid" ] && kill "$origin_pid" 2>/dev/null && wait "$origin_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "bench: no free port found" >&2
  exit 1
}

# --- the origin, stopped by closing its standard input
mkfifo "$tmp/origin.in"
java ${ORIGIN_JAVA_OPTS:-} -Xms512m -Xmx512m -cp "bench/target/classes:bench/target/lib/*" io.vodkit.bench.origin.OriginBenchServer \
  "$tmp/storage" "$THREADS" <"$tmp/origin.in" >"$tmp/origin.out" 2>"$tmp/origin.err" &
origin_pid=$!
exec 3>"$tmp/origin.in"
for _ in $(seq 1 100); do grep -q '^ready' "$tmp/origin.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^ready' "$tmp/origin.out" || { echo "bench: origin did not start" >&2; cat "$tmp/origin.err" >&2; exit 1; }
origin=$(sed -n 's/^origin //p' "$tmp/origin.out")
objects=$(sed -n 's/^objects //p' "$tmp/origin.out")

# --- nginx over the same object tree
port=$(free_port)
mkdir -p "$tmp/nginx"
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root root;"  # staged objects are 0600: workers must read them
cat >"$tmp/nginx/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  types { application/vnd.apple.mpegurl m3u8; video/iso.segment m4s; video/mp4 mp4; application/dash+xml mpd; }
  server {
    listen 127.0.0.1:$port;
    root $objects;
    location ~ \.m4s\$ {
      add_header Cache-Control "public, max-age=31536000, immutable";
      add_header Access-Control-Allow-Origin "*";
      add_header Access-Control-Expose-Headers "Content-Range, Content-Length, ETag, Last-Modified, Accept-Ranges";
    }
    location ~ \.m3u8\$ {
      add_header Cache-Control "public, max-age=30";
      add_header Access-Control-Allow-Origin "*";
      add_header Access-Control-Expose-Headers "Content-Range, Content-Length, ETag, Last-Modified, Accept-Ranges";
    }
  }
}
EOF
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' 2>"$tmp/nginx/stderr" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$port/"
for _ in $(seq 1 50); do (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

cat >"$tmp/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d\n", summary.requests, summary.bytes, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout))
  if e.connect + e.read + e.write + e.status + e.timeout > 0 then
    io.stderr:write(string.format("wrk errors: connect %d, read %d, write %d, non-2xx %d, timeout %d\n",
      e.connect, e.read, e.write, e.status, e.timeout))
  end
end
EOF

segment="videos/vid_bench/720p/seg_00000.m4s"
playlist="videos/vid_bench/720p/playlist.m3u8"
for url in "$origin$segment" "$nginx_url$segment" "$origin$playlist" "$nginx_url$playlist"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || echo "no curl")
  [ "$code" = "200" ] || [ "$code" = "no curl" ] || { echo "bench: $url answered $code" >&2; exit 1; }
done

# run <url>: prints "<req/s> <MB/s> <errors>"
run() {
  local out
  out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$tmp/report.lua" "$1" | sed -n 's/^RESULT //p')
  echo "$out" | awk '{ s = $3 / 1e6; printf "%.0f %.1f %d\n", $1 / s, $2 / s / 1e6, $4 }'
}

echo "warming up (${WARMUP} per target)..." >&2
for url in "$origin$segment" "$origin$playlist" "$nginx_url$segment" "$nginx_url$playlist"; do
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
done

# ROUNDS alternating rounds; each figure is the median over the rounds, so a burst of load from
# something else on the machine cannot favour one side.
declare -A rps mbs errs
for round in $(seq 1 "$ROUNDS"); do
  for object in segment playlist; do
    path=$segment; [ "$object" = playlist ] && path=$playlist
    for target in origin nginx; do
      base=$origin; [ "$target" = nginx ] && base=$nginx_url
      read -r r m e < <(run "$base$path")
      rps[$target.$object]+="$r "; mbs[$target.$object]+="$m "; errs[$target.$object]=$(( ${errs[$target.$object]:-0} + e ))
      echo "round $round $target $object: $r req/s, $m MB/s" >&2
    done
  done
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf 'origin vs nginx %s (sendfile on), loopback, wrk -t%s -c%s -d%s, %s rounds (medians), %s cores, origin threads %s\n' \
  "$("$NGINX" -v 2>&1 | sed 's#.*/##')" "$WRK_THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$(nproc)" "$THREADS"
printf '%-8s %-9s %10s %10s %7s\n' target object "req/s" "MB/s" errors
for object in segment playlist; do
  for target in origin nginx; do
    printf '%-8s %-9s %10s %10s %7s\n' "$target" "$object" "$(echo "${rps[$target.$object]}" | median)" \
      "$(echo "${mbs[$target.$object]}" | median)" "${errs[$target.$object]}"
  done
done
for object in segment playlist; do
  goal=0.8; [ "$object" = playlist ] && goal=0.5
  ratios=$(paste -d' ' <(echo "${rps[origin.$object]}" | tr ' ' '\n' | sed '/^$/d') <(echo "${rps[nginx.$object]}" | tr ' ' '\n' | sed '/^$/d') \
    | awk '{ printf "%.2f ", $1 / $2 }')
  echo "$ratios" | median | awk -v o="$object" -v g="$goal" -v all="$ratios" \
    '{ printf "ratio %-8s %.2fx nginx (median of rounds: %s) goal >= %.1f: %s\n", o, $1, all, g, ($1 >= g) ? "met" : "MISSED" }'
done
