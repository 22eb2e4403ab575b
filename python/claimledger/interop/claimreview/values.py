"""Writing values as schema.org wants them, whatever a publisher wrote: absolute URLs
(a relative one resolved against the page or review URL, else left out with a note), ISO 8601
dates, schema.org's own spelling of type names, and a nested node (a MediaReview, an
appearance) copied with the same care. Export uses these; they change nothing in a ledger.
"""

from __future__ import annotations

import datetime as _dt
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any, Optional

from .jsonld import json_path

__all__ = ["absolute_url", "clean_node", "iso_date", "type_name"]

#: schema.org's spelling of the types a ClaimReview's parts are published with.
TYPE_NAMES = {
    name.casefold(): name
    for name in [
        "Article",
        "AudioObject",
        "AudioObjectSnapshot",
        "BlogPosting",
        "Claim",
        "ClaimReview",
        "Clip",
        "CreativeWork",
        "DataFeed",
        "DataFeedItem",
        "ImageObject",
        "ImageObjectSnapshot",
        "MediaObject",
        "MediaReview",
        "MediaReviewItem",
        "NewsArticle",
        "NewsMediaOrganization",
        "Organization",
        "Person",
        "Rating",
        "ReportageNewsArticle",
        "Review",
        "SocialMediaPosting",
        "Thing",
        "VideoObject",
        "VideoObjectSnapshot",
        "WebContent",
        "WebPage",
        "WebSite",
        "Book",
        "Movie",
        "TVEpisode",
        "PodcastEpisode",
        "Dataset",
        "Report",
        "ScholarlyArticle",
        "Legislation",
        "Message",
        "Comment",
        "Quotation",
        "Speakable",
        "SpeakableSpecification",
        "GovernmentOrganization",
        "PoliticalParty",
        "EducationalOrganization",
        "Corporation",
        "NGO",
        "ResearchOrganization",
        "MediaReviewItem",
        "DiscussionForumPosting",
        "LiveBlogPosting",
        "OpinionNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "Event",
        "Place",
        "Country",
        "City",
    ]
}
#: Properties whose values are URLs (each kept only when absolute, or made so).
URL_KEYS = frozenset(
    [
        "url",
        "sameAs",
        "contentUrl",
        "embedUrl",
        "archivedAt",
        "thumbnailUrl",
        "logo",
        "image",
        "mainEntityOfPage",
        "discussionUrl",
        "license",
        "sdLicense",
    ]
)
#: Properties whose values are dates (written YYYY-MM-DD).
DATE_KEYS = frozenset(
    ["datePublished", "dateCreated", "dateModified", "uploadDate", "startDate", "endDate"]
)
_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:$|[T ]|\s)")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_HOST = re.compile(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[/:?#]|$)")


def absolute_url(value: Any, base: Optional[str] = None) -> Optional[str]:
    """`value` as an absolute http(s) URL, or None when it cannot be one: "//host/p" and
    "www.host/p" get https, a relative reference is resolved against `base` (an absolute
    URL), spaces inside make it no URL."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or any(c.isspace() for c in text):
        return None
    if text.startswith("//"):
        text = "https:" + text
    elif not _SCHEME.match(text) and _HOST.match(text):
        text = "https://" + text
    elif not _SCHEME.match(text):
        if not base:
            return None
        text = urllib.parse.urljoin(base, text)
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return text


def iso_date(value: Any) -> Optional[str]:
    """The calendar date of `value` ("2020-08-31 17:22:16", "2020-8-31T…") as
    YYYY-MM-DD, or None when it is no date."""
    if not isinstance(value, str):
        return None
    match = _DATE.match(value + " ")
    if not match:
        return None
    try:
        return _dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def type_name(value: Any, default: str) -> str:
    """schema.org's spelling of a @type ("creativeWork", "schema:Claim" -> "CreativeWork",
    "Claim"), or `default` for one it does not list; a list gives its first known type."""
    names = value if isinstance(value, list) else [value]
    for name in names:
        if isinstance(name, str):
            local = re.split(r"[/#:]", name.strip())[-1]
            if local.casefold() in TYPE_NAMES:
                return TYPE_NAMES[local.casefold()]
    return default


def clean_node(
    node: Any, base: Optional[str], notes: list[str], path: str, default_type: str = "Thing"
) -> Any:
    """A copy of a nested JSON-LD node with valid values: URLs absolute (or left out), dates
    ISO 8601, type names as schema.org spells them (unknown ones as `default_type`), no
    nested @context, empty values left out. Other values are kept as they came."""
    if isinstance(node, list):
        items = [
            clean_node(v, base, notes, json_path(path, i), default_type) for i, v in enumerate(node)
        ]
        return [v for v in items if v not in (None, "", [], {})]
    if not isinstance(node, Mapping):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        where = json_path(path, key)
        if key == "@context" or value in (None, "", [], {}):
            continue
        if key == "@type":
            out[key] = type_name(value, default_type)
        elif key in URL_KEYS and isinstance(value, (str, list)):
            kept = _urls(value, base, notes, where)
            if kept is not None:
                out[key] = kept
        elif key in DATE_KEYS:
            date = iso_date(value)
            if date is None:
                notes.append(f"{where}: {value!r} is not a date; left out")
            else:
                out[key] = date
        elif isinstance(value, (Mapping, list)):
            cleaned = clean_node(value, base, notes, where, _nested_default(key))
            if cleaned not in (None, [], {}):
                out[key] = cleaned
        else:
            out[key] = value
    return out


def _nested_default(key: str) -> str:
    if key in ("author", "creator", "publisher"):
        return "Organization"
    if key in ("interpretedAsClaim",):
        return "Claim"
    return "Thing"


def _urls(value: Any, base: Optional[str], notes: list[str], where: str) -> Any:
    """A URL property as given (one text, or a list), each URL made absolute; those that
    cannot be are left out with a note."""
    if isinstance(value, list):
        kept = []
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                kept.append(clean_node(item, base, notes, json_path(where, i), "ImageObject"))
                continue
            url = absolute_url(item, base)
            if url is None:
                notes.append(f"{json_path(where, i)}: {item!r} is not an absolute URL; left out")
            else:
                kept.append(url)
        return kept or None
    url = absolute_url(value, base)
    if url is None:
        notes.append(f"{where}: {value!r} is not an absolute URL and has no base; left out")
    return url
