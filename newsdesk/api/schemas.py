"""What the API answers, as pydantic models: the OpenAPI document is generated from them."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field


class Rendition(Schema):
    url: str
    width: int
    height: int


class Picture(Schema):
    alt: str
    caption: str = ""
    credit: str = ""
    renditions: list[Rendition] = Field(description="The same picture in several widths.")


class SectionRef(Schema):
    id: int
    title: str
    url: str


class PersonRef(Schema):
    name: str
    slug: str
    url: str


class TagRef(Schema):
    name: str
    slug: str


class Translation(Schema):
    edition: str
    id: int
    url: str


class ArticleSummary(Schema):
    """A story as a list shows it."""

    id: int
    edition: str
    url: str
    title: str
    subtitle: str
    summary: str
    published_at: datetime
    section: SectionRef | None
    picture: Picture | None


class ArticleList(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="The next page's address, or null on the last page.")


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    html: str


class HeadingBlock(Schema):
    type: Literal["heading"]
    text: str


class QuoteBlock(Schema):
    type: Literal["quote"]
    text: str
    speaker: str
    speaker_credentials: str
    speaker_person: PersonRef | None


class ImageBlock(Schema):
    type: Literal["image"]
    picture: Picture


class EmbedBlock(Schema):
    type: Literal["embed"]
    url: str


class QuestionAnswerBlock(Schema):
    type: Literal["question_answer"]
    question: str
    answer_html: str


BodyBlock = Annotated[
    ParagraphBlock | HeadingBlock | QuoteBlock | ImageBlock | EmbedBlock | QuestionAnswerBlock,
    Field(discriminator="type"),
]


class ArticleDetail(ArticleSummary):
    """A whole story: the body as typed blocks, and as sanitised HTML."""

    lead: str
    updated_at: datetime | None
    authors: list[PersonRef]
    byline: str
    tags: list[TagRef]
    people: list[PersonRef]
    body: list[BodyBlock]
    body_html: str
    view_count: int
    translations: list[Translation]
    sharing_card: str | None


class Edition(Schema):
    code: str
    name: str
    outlet_name: str
    url: str
    feed: str


class Section(Schema):
    id: int
    title: str
    description: str
    url: str
    feed: str


class HomeSection(Schema):
    section: SectionRef
    stories: list[ArticleSummary]


class HomeLayout(Schema):
    """An edition's front page as the newsroom laid it out."""

    edition: str
    top_story: ArticleSummary | None
    breaking: ArticleSummary | None
    latest: list[ArticleSummary]
    sections: list[HomeSection]


class SearchResults(Schema):
    query: str
    total: int
    page: int
    items: list[ArticleSummary]
    next: str | None


class ViewCount(Schema):
    id: int
    views: int
    counted: bool = Field(description="False when the caller looked like a robot.")
