"""The read-only JSON API for the outlet's apps, version 1, under /api/v1/.

Built on django-ninja rather than Wagtail's API (wagtail.api.v2): Wagtail's serves page
trees generically (`?type=articles.ArticlePage&fields=…`) through Django REST framework and
paginates with offsets, while the apps need a few fixed shapes (a home layout, cards, a
story with typed blocks), keyset cursors on our own indexes and problem details; ninja
comes with Wagtail 8 already, generates the OpenAPI document from the same pydantic
models that validate every answer, and serves browsable docs from local files.

Every answer is public and the same for every client, so it goes through the page cache
like a page: the views name what they show (`shows`), the shared middleware adds ETag and
Cache-Control and answers 304, and publishes purge them with the pages showing the same.
Parameters the API does not know are refused with 400, so a typo is never silently ignored.
"""

import enum
import inspect
from datetime import timedelta
from functools import wraps
from typing import Literal

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from pydantic import Field
from taggit.models import Tag

from newsdesk.api import schemas
from newsdesk.api.cursors import CURSOR_PATTERN, after_position, cursor_encode, page_start
from newsdesk.api.problems import PROBLEM_CONTENT_TYPE, ApiProblem, Problem, problem_body
from newsdesk.api.search import search_stories
from newsdesk.api.stories import detail, section_ref, summaries, summary
from newsdesk.articles.keys import (
    edition_list_key,
    page_key,
    person_list_key,
    section_list_key,
    tag_key,
    tag_list_key,
)
from newsdesk.articles.models import ArticlePage, HomeStories, SectionPage
from newsdesk.editions.editions import (
    edition_homes,
    edition_names,
    edition_settings,
    live_children,
)
from newsdesk.editions.keys import edition_key
from newsdesk.metrics.most_read import most_read_ids
from newsdesk.metrics.views import view_answer
from newsdesk.pagecache.keys import changes_at, shows
from newsdesk.people.models import Person
from newsdesk.syndication.addresses import Addresses

DEFAULT_LIMIT = 20
MAX_LIMIT = 50
# Most read drifts with every view: answers are kept a minute, as the home page's block.
MOST_READ_SECONDS = 60
EditionCode = enum.StrEnum("EditionCode", {code: code for code in edition_names()})
# 429 comes from the shared rate limiter (newsdesk.ratelimit), with Retry-After.
ERRORS = {400: Problem, 404: Problem, 429: Problem}


class NewsdeskApi(NinjaAPI):
    """NinjaAPI whose errors are problem details, documented as application/problem+json."""

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code >= 400:
            response["Content-Type"] = PROBLEM_CONTENT_TYPE
        return response

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if int(status) >= 400 and "application/json" in response.get("content", {}):
                        response["content"] = {
                            PROBLEM_CONTENT_TYPE: response["content"]["application/json"]
                        }
        return schema


api = NewsdeskApi(
    title="newsdesk API",
    version="1",
    description=(
        "Read-only: editions, sections, the home layout, stories (lists with keyset "
        "cursors, the whole story), most read and search, and the view counter. Errors are "
        "RFC 9457 problem details."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ApiProblem)
def api_problem(request, error):
    body = problem_body(request, error.status, error.detail, error.title)
    return api.create_response(request, body, status=error.status)


@api.exception_handler(Http404)
def not_found(request, error):
    detail = str(error) or "Nothing is at this address."
    return api.create_response(request, problem_body(request, 404, detail), status=404)


@api.exception_handler(ValidationError)
def invalid_request(request, error):
    details = "; ".join(
        f"{'.'.join(str(part) for part in problem.get('loc', ())[1:]) or 'request'}: "
        f"{problem.get('msg', 'invalid')}"
        for problem in error.errors
    )
    body = problem_body(request, 400, details or "The request is not valid.", "Invalid request")
    return api.create_response(request, body, status=400)


def known_parameters_only(view):
    """Refuse a request naming a query parameter the operation does not read (400)."""
    signature = inspect.signature(view)
    known = set()
    for name, parameter in signature.parameters.items():
        model = parameter.annotation
        if hasattr(model, "model_fields"):
            known |= {field.alias or field_name for field_name, field in model.model_fields.items()}
        elif name != "request":
            known.add(name)

    @wraps(view)
    def checked(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - known)
        if unknown:
            raise ApiProblem(
                400,
                f"Unknown query parameter(s): {', '.join(unknown)}. "
                f"This operation reads: {', '.join(sorted(known)) or 'none'}.",
                "Unknown parameter",
            )
        return view(request, *args, **kwargs)

    return checked


def edition_home(code):
    """The live home page of an edition code; a 404 problem when there is none."""
    home = edition_homes().get(str(code))
    if home is None:
        raise ApiProblem(404, f"There is no edition {code!r}.")
    return home


def edition_feed_url(code, addresses):
    with translation.override(code):
        return addresses.absolute(reverse("feed_edition"))


@api.get("/editions", response=list[schemas.Edition], tags=["editions"])
@known_parameters_only
def editions(request):
    """Every edition of the outlet, in the configured order."""
    addresses = Addresses(request)
    found = []
    for code, name in edition_names().items():
        home = edition_homes(request).get(code)
        if home is None:
            continue
        shows(edition_key(code))
        found.append(
            {
                "code": code,
                "name": name,
                "outlet_name": edition_settings(home.locale).outlet_name,
                "url": addresses.home(code),
                "feed": edition_feed_url(code, addresses),
            }
        )
    return found


@api.get(
    "/editions/{edition}/sections",
    response={200: list[schemas.Section], **ERRORS},
    tags=["editions"],
)
@known_parameters_only
def sections(request, edition: EditionCode):
    """An edition's live sections in their editorial order."""
    home = edition_home(edition)
    shows(edition_key(home.locale.language_code))
    addresses = Addresses(request)
    found = []
    with translation.override(home.locale.language_code):
        # Read from the (depth, path) index: HomePage.sections() matches a path prefix, which
        # SQLite answers by reading every page of the edition.
        in_menu = SectionPage.objects.live().filter(pk__in=live_children(home).values("pk"))
        for section in in_menu.order_by("position", "title"):
            found.append(
                {
                    "id": section.pk,
                    "title": section.title,
                    "description": section.description,
                    "url": addresses.of(section),
                    "feed": addresses.absolute(reverse("feed_section", args=[section.slug])),
                }
            )
    return found


@api.get(
    "/editions/{edition}/home", response={200: schemas.HomeLayout, **ERRORS}, tags=["editions"]
)
@known_parameters_only
def home_layout(request, edition: EditionCode):
    """An edition's front page: top story, breaking news, latest, a block per section."""
    home = edition_home(edition)
    addresses = Addresses(request)
    shows(edition_key(home.locale.language_code))
    stories = HomeStories(home)
    return {
        "edition": home.locale.language_code,
        "top_story": summary(stories.top_story, addresses) if stories.top_story else None,
        "breaking": (summaries([stories.breaking.pk], addresses)[0] if stories.breaking else None),
        "latest": [summary(story, addresses) for story in stories.latest],
        "sections": [
            {
                "section": section_ref(section, addresses),
                "stories": [summary(story, addresses) for story in section_stories],
            }
            for section, section_stories in stories.section_blocks
        ],
    }


class PageParameters(schemas.Schema):
    cursor: str | None = Field(
        None, pattern=CURSOR_PATTERN, description="`next_cursor` of the previous page."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def story_page(request, stories, position, limit):
    """One page of an ordered list of stories published by the cursor's time, from it on."""
    rows = list(after_position(stories, position).values_list("pk", "published_at")[: limit + 1])
    addresses = Addresses(request)
    items = summaries([pk for pk, _published_at in rows[:limit]], addresses)
    next_cursor = next_url = None
    if len(rows) > limit:
        pk, published_at = rows[limit - 1]
        next_cursor = cursor_encode(published_at, pk)
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = addresses.absolute(f"{request.path}?{query.urlencode()}")
    return {"items": items, "next_cursor": next_cursor, "next": next_url}


LIST = {"response": {200: schemas.ArticleList, **ERRORS}, "tags": ["articles"]}


@api.get("/editions/{edition}/articles", **LIST)
@known_parameters_only
def edition_articles(request, edition: EditionCode, page: Query[PageParameters]):
    """The edition's stories, newest first; pages follow each other by `cursor`."""
    locale = edition_home(edition).locale
    shows(edition_list_key(locale.language_code))
    until, position = page_start(page.cursor)
    stories = ArticlePage.objects.published(now=until).in_edition(locale).newest_first()
    return story_page(request, stories, position, page.limit)


@api.get("/editions/{edition}/sections/{section_id}/articles", **LIST)
@known_parameters_only
def section_articles(request, edition: EditionCode, section_id: int, page: Query[PageParameters]):
    """A section's stories, newest first."""
    locale = edition_home(edition).locale
    section = SectionPage.objects.live().filter(pk=section_id, locale=locale).first()
    if section is None:
        raise ApiProblem(404, f"Edition {locale.language_code} has no section {section_id}.")
    shows(page_key(section.pk), section_list_key(section.pk))
    until, position = page_start(page.cursor)
    stories = ArticlePage.objects.published(now=until).filter(section=section).newest_first()
    return story_page(request, stories, position, page.limit)


@api.get("/editions/{edition}/tags/{tag}/articles", **LIST)
@known_parameters_only
def tag_articles(request, edition: EditionCode, tag: str, page: Query[PageParameters]):
    """The edition's stories with a tag (by its slug), newest first."""
    locale = edition_home(edition).locale
    found = Tag.objects.filter(slug=tag).first()
    if found is None:
        raise ApiProblem(404, f"There is no tag {tag!r}.")
    shows(tag_key(found.pk), tag_list_key(found.pk))
    until, position = page_start(page.cursor)
    stories = ArticlePage.objects.tagged(found, until=until).in_edition(locale)
    return story_page(request, stories, position, page.limit)


@api.get("/editions/{edition}/people/{person}/articles", **LIST)
@known_parameters_only
def person_articles(request, edition: EditionCode, person: str, page: Query[PageParameters]):
    """The edition's stories by or about a person (by their slug there), newest first."""
    locale = edition_home(edition).locale
    found = Person.objects.filter(locale=locale, slug=person).first()
    if found is None:
        raise ApiProblem(404, f"Edition {locale.language_code} has no person {person!r}.")
    shows(found.surrogate_key, person_list_key(found.translation_key))
    until, position = page_start(page.cursor)
    stories = (
        ArticlePage.objects.published(now=until)
        .in_edition(locale)
        .with_person(found.translation_key)
        .newest_first()
    )
    return story_page(request, stories, position, page.limit)


@api.get(
    "/articles/{article_id}", response={200: schemas.ArticleDetail, **ERRORS}, tags=["articles"]
)
@known_parameters_only
def article_detail(request, article_id: int):
    """A whole published story: typed body blocks, sanitised HTML, pictures in several widths."""
    found = detail(article_id, request, Addresses(request))
    if found is None:
        raise ApiProblem(404, f"No published article has id {article_id}.")
    return found


@api.post(
    "/articles/{article_id}/views",
    response={200: schemas.ViewCount, **ERRORS},
    tags=["articles"],
)
@known_parameters_only
def article_view(request, article_id: int):
    """Count one reading of a story (the app shows the returned total); robots only read it."""
    status, body = view_answer(article_id, request.headers.get("User-Agent", ""))
    if status != 200:
        raise ApiProblem(status, body["detail"], body["title"])
    return body


@api.get(
    "/editions/{edition}/most-read",
    response={200: list[schemas.ArticleSummary], **ERRORS},
    tags=["editions"],
)
@known_parameters_only
def most_read(
    request,
    edition: EditionCode,
    period: Literal["day", "week"] = "day",
    limit: int = Query(5, ge=1, le=20),
):
    """The edition's most read stories of the last day or week, most read first."""
    locale = edition_home(edition).locale
    shows(edition_list_key(locale.language_code))
    changes_at(timezone.now() + timedelta(seconds=MOST_READ_SECONDS))
    return summaries(most_read_ids(locale.pk, period, limit), Addresses(request))


@api.get(
    "/editions/{edition}/search", response={200: schemas.SearchResults, **ERRORS}, tags=["editions"]
)
@known_parameters_only
def search(
    request,
    edition: EditionCode,
    q: str = Query(
        ...,
        min_length=1,
        max_length=settings.NEWSDESK_MAX_QUERY_LENGTH,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="Words to look for (no control characters).",
    ),
    page: int = Query(1, ge=1, le=1000),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    """Stories of the edition matching the words of `q`, best match first, counted."""
    locale = edition_home(edition).locale
    shows(edition_list_key(locale.language_code))
    query, results = search_stories(locale, q)
    paginator = Paginator(results, limit)
    try:
        found = paginator.page(page)
    except EmptyPage:
        if page == 1:
            found = None
        else:
            raise ApiProblem(404, f"The results have {paginator.num_pages} page(s).") from None
    addresses = Addresses(request)
    items = summaries([story.pk for story in found.object_list], addresses) if found else []
    next_url = None
    if found and found.has_next():
        params = request.GET.copy()
        params["page"] = page + 1
        next_url = addresses.absolute(f"{request.path}?{params.urlencode()}")
    return {
        "query": query,
        "total": paginator.count if found else 0,
        "page": page,
        "items": items,
        "next": next_url,
    }
