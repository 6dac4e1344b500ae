#!/usr/bin/env bash
# Rebuilds the screenshots of EDITING.md: the guide's example event, created with
# `campaign new` in a copy of the demo, built (then again as a draft, in preview mode),
# and photographed by Debian's chromium at phone width. Run from anywhere after scripts/setup; needs /usr/bin/chromium.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root"/{mkdocs.yml,docs,assets,campaigns} "$work/"
cd "$work"
export SOURCE_DATE_EPOCH=1722556800 NO_MKDOCS_2_WARNING=1  # 2024-08-02: the example is upcoming
"$root/.venv/bin/campaign" new event --campaign 2024-ecological-literature-week \
  --title "生态文学周闭幕式" --summary "闭幕式在锡林浩特举行，颁发优秀生态文学作品奖。" \
  --start "2024-08-12 15:00" --end "2024-08-12 17:00" \
  --venue-name 锡林郭勒盟文化中心 --venue-city 锡林郭勒盟 </dev/null
file=campaigns/2024-ecological-literature-week/events/shengtai-wenxue-zhou-bimushi.zh.md
sed -i 's/^<!--.*-->$/2024年8月12日下午，生态文学周在锡林浩特闭幕。闭幕式上颁发了优秀生态文学作品奖，参加采风的作家代表分享了创作体会。/' "$file"
"$root/.venv/bin/mkdocs" build -q -d "$work/site" 2>/dev/null
shoot() {  # name, page (under $work/site, or a URL)
  case "$2" in http*) url="$2" ;; *) url="file://$work/site/$2" ;; esac
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --window-size=390,760 \
    --screenshot="$work/$1.png" "$url" 2>/dev/null
  # a palette of 48 colours keeps each image near 20 KB
  "$root/.venv/bin/python" -c "import sys; from PIL import Image; Image.open(sys.argv[1]).convert('RGB').quantize(48).save(sys.argv[2], optimize=True)" \
    "$work/$1.png" "$root/editing/$1.png"
}
shoot event-page events/shengtai-wenxue-zhou-bimushi/index.html
shoot events-index events/index.html
# the same event as a draft, in a preview build: the notices at the top
sed -i 's/^draft: false$/draft: true/' "$file"
CAMPAIGN_SITE_MODE=preview "$root/.venv/bin/mkdocs" build -q -d "$work/site" 2>/dev/null
shoot draft-preview events/shengtai-wenxue-zhou-bimushi/index.html
# the same event with a mistake, in the preview server: the list of errors and the page that says so
sed -i 's/^draft: true$/draft: false/; s/^status: scheduled$/status: canceled/' "$file"
port=$("$root/.venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$root/.venv/bin/mkdocs" serve -q -a "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/events/shengtai-wenxue-zhou-bimushi/" >/dev/null && break
  sleep 1
done
shoot error-preview "http://127.0.0.1:$port/events/shengtai-wenxue-zhou-bimushi/"
ls -l "$root"/editing/*.png
