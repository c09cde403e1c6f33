"""Stories as the API shows them: summaries for lists, the whole story for its own address."""

from types import SimpleNamespace

import nh3
from django.utils import timezone
from wagtail.images import get_image_model

from newsdesk.articles.blocks import BODY_RENDITIONS
from newsdesk.articles.cards import card_keys
from newsdesk.articles.keys import page_key, tag_key
from newsdesk.articles.models import (
    CARD_RENDITIONS,
    ArticlePage,
    SectionPage,
    possible_article_id,
    story_links_read,
)
from newsdesk.articles.pictures import image_remembered, pictures_of
from newsdesk.editions.editions import language_code_of
from newsdesk.editions.keys import image_key, translations_key
from newsdesk.pagecache.keys import shows
from newsdesk.prepared import PreparedQuery
from newsdesk.syndication.addresses import absolute_links
from newsdesk.syndication.social_cards import card_path

# What sanitised body HTML may hold: text, links, lists, quotes, pictures. No scripts, no
# styles, no frames (an embed is its own block with its address).
ALLOWED_TAGS = {
    *("p", "br", "a", "strong", "em", "b", "i", "ul", "ol", "li", "h2", "h3", "h4"),
    *("blockquote", "figure", "figcaption", "img", "span", "div", "cite"),
}
# What a story summary reads of an article (see summaries).
SUMMARY_FIELDS = (
    *("pk", "locale_id", "url_path", "title", "subtitle", "lead", "search_description"),
    *("published_at", "section_id", "hero_image_id"),
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height"},
}


def picture(image, renditions, addresses, alt="", caption="", credit=""):
    """A Picture from an image and its renditions (articles.pictures) in increasing width."""
    shows(image_key(image.pk))
    return {
        "alt": alt or image.default_alt_text or "",
        "caption": caption,
        "credit": credit,
        "renditions": [
            {
                "url": addresses.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
            for rendition in renditions
        ],
    }


def section_ref(section, addresses):
    if section is None:
        return None
    return {"id": section.pk, "title": section.title, "url": addresses.of(section)}


def summary(story, addresses, with_picture=True):
    """A story fetched with `for_cards()` as a list shows it (its picture in card sizes)."""
    shows(*card_keys(story))
    found = None
    if story.hero_image_id and with_picture:
        found = picture(story.hero_image, pictures_of(story.hero_image, CARD_RENDITIONS), addresses)
    return {
        "id": story.pk,
        "edition": language_code_of(story.locale_id),
        "url": addresses.of(story),
        "title": story.title,
        "subtitle": story.subtitle,
        "summary": story.summary,
        "published_at": story.published_at,
        "section": section_ref(story.section, addresses),
        "picture": found,
    }


def summaries(ids, addresses):
    """Summaries of the stories with these ids, in the same order.

    Read as plain rows, not page objects: building twenty ArticlePages (with their bodies)
    and their cards' prefetches was two thirds of a list's time. Sections and pictures'
    renditions come from each process's memory (SectionPage.remembered, articles.pictures).
    """
    rows = ArticlePage.objects.filter(pk__in=ids).order_by().values_list(*SUMMARY_FIELDS)
    stories = {
        row[0]: SimpleNamespace(**dict(zip(SUMMARY_FIELDS, row, strict=True))) for row in rows
    }
    image_ids = {story.hero_image_id for story in stories.values() if story.hero_image_id}
    images = get_image_model().objects.in_bulk(image_ids) if image_ids else {}
    for story in stories.values():
        story.hero_image = images.get(story.hero_image_id)
        story.hero_image_id = story.hero_image.pk if story.hero_image else None
        story.section = SectionPage.remembered(story.section_id) if story.section_id else None
        # The article's own definition of its summary, on the row's fields.
        story.summary = ArticlePage.summary.fget(story)
    return [summary(stories[pk], addresses) for pk in ids if pk in stories]


def person_ref(person, addresses):
    shows(person.surrogate_key)
    return {
        "name": person.name,
        "slug": person.slug,
        "url": addresses.absolute(person.get_absolute_url()),
    }


def sanitised(html, addresses):
    """Body HTML a client may show as it is: allowed tags only, every address absolute."""
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
    return absolute_links(clean, addresses.root)


def body_blocks(article, addresses):
    """The body as typed blocks (see schemas.BodyBlock)."""
    blocks = []
    for block in article.body:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            blocks.append({"type": kind, "html": sanitised(str(value), addresses)})
        elif kind == "heading":
            blocks.append({"type": kind, "text": value})
        elif kind == "quote":
            speaker = value["speaker"]
            credentials = value["speaker_credentials"] or (speaker.credentials if speaker else "")
            blocks.append(
                {
                    "type": kind,
                    "text": value["text"],
                    "speaker": speaker.name if speaker else value["speaker_name"],
                    "speaker_credentials": credentials,
                    "speaker_person": person_ref(speaker, addresses) if speaker else None,
                }
            )
        elif kind == "image" and value["image"]:
            image = value["image"]
            found = picture(
                image,
                pictures_of(image, BODY_RENDITIONS),
                addresses,
                alt=value["caption"],
                caption=value["caption"],
                credit=value["credit"],
            )
            blocks.append({"type": kind, "picture": found})
        elif kind == "embed" and value:
            blocks.append({"type": kind, "url": value.url})
        elif kind == "question_answer":
            blocks.append(
                {
                    "type": kind,
                    "question": value["question"],
                    "answer_html": sanitised(str(value["answer"]), addresses),
                }
            )
    return blocks


def translations(article, addresses):
    """The story's live, published versions in the other editions."""
    shows(translations_key(article.translation_key))
    versions = TRANSLATIONS_QUERY.rows(timezone.now(), article.translation_key, article.pk)
    found = []
    for pk, locale_id, url_path in versions:
        code = language_code_of(locale_id)
        url = addresses.page(code, url_path)
        if url:
            found.append({"edition": code, "id": pk, "url": url})
    return found


# Prepared (newsdesk.prepared): through the ORM, building the detail's queries was most of
# its time (cProfile, 200 random articles of the million-article set: 12.6 ms of CPU each).
ARTICLE_BY_ID = PreparedQuery(
    ArticlePage,
    lambda now, article_id: ArticlePage.objects.published(now).filter(pk=article_id).order_by(),
)
TRANSLATIONS_QUERY = PreparedQuery(
    ArticlePage,
    lambda now, key, article_id: (
        ArticlePage.objects.published(now)
        .filter(translation_key=key)
        .exclude(pk=article_id)
        .order_by()
        .values_list("pk", "locale_id", "url_path")
    ),
)


def detail(article_id, request, addresses):
    """The whole published story with this id, or None."""
    found = (
        ARTICLE_BY_ID.objects(timezone.now(), article_id) if possible_article_id(article_id) else []
    )
    if not found:
        return None
    article = found[0]
    if article.section_id:
        article.section = SectionPage.remembered(article.section_id)
    if article.hero_image_id:
        article.hero_image = image_remembered(article.hero_image_id)
    authors, people, tags = story_links_read(article.pk)
    # The picture comes in the hero's sizes below, not the cards'.
    found = summary(article, addresses, with_picture=False)
    shows(page_key(article.pk))
    if article.hero_image_id:
        renditions = article.hero_renditions()
        found["picture"] = picture(
            article.hero_image,
            list(renditions.values()),
            addresses,
            alt=article.hero_caption,
            caption=article.hero_caption,
            credit=article.hero_credit,
        )
    shows(*(tag_key(tag.pk) for tag in tags))
    rendered = article.body.render_as_block(context={"request": request, "page": article})
    card = card_path(article)
    return {
        **found,
        "lead": article.lead,
        "updated_at": article.last_published_at,
        "authors": [person_ref(person, addresses) for person in authors],
        "byline": ", ".join(person.name for person in authors) or article.byline_credit,
        "tags": [{"name": tag.name, "slug": tag.slug} for tag in tags],
        "people": [person_ref(person, addresses) for person in people],
        "body": body_blocks(article, addresses),
        "body_html": sanitised(str(rendered), addresses),
        "view_count": article.view_count,
        "translations": translations(article, addresses),
        "sharing_card": addresses.absolute(card) if card else None,
    }
