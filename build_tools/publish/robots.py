"""robots.txt: previews ask every crawler to stay away; production points to the sitemap."""
from __future__ import annotations

from ..core import urls
from ..content.publication import PREVIEW
from ..core.output import Output


def robots_outputs(site) -> list[Output]:
    if site.mode == PREVIEW:
        text = "User-agent: *\nDisallow: /\n"
    else:
        text = "User-agent: *\nAllow: /\n"
        if site.settings.site_url:
            text += f"\nSitemap: {urls.absolute(site.settings.site_url, 'sitemap.xml')}\n"
    return [Output("robots.txt", text.encode("ascii"))]
