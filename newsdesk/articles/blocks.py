"""The pieces an article body is made of, as the newsroom writes it."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from newsdesk.articles.pictures import pictures_of
from newsdesk.security.sanitize import embed_clean, rich_text_clean

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# A picture in the body at the widths its srcset offers.
BODY_RENDITIONS = ["width-480|format-webp", "width-960|format-webp"]


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text stored with nothing the editor could not have written (security.sanitize)."""

    def get_prep_value(self, value):
        return rich_text_clean(super().get_prep_value(value))


class ParagraphBlock(SafeRichTextBlock):
    """A paragraph of the story, its links pointed at the pages' current addresses.

    Written out in Python: through templates each paragraph cost two template renders (its
    own and Wagtail's rich text wrapper), and an article has a dozen paragraphs.
    """

    def render(self, value, context=None):
        return mark_safe(expand_db_html(value.source))  # noqa: S308 - the editor's rich text


class HeadingBlock(blocks.CharBlock):
    """A subheading inside the story."""

    def render(self, value, context=None):
        return format_html('<h2 class="body-heading">{}</h2>', value)


class QuoteBlock(blocks.StructBlock):
    """A pull quote with who said it; choosing a person links the quote to their page."""

    text = blocks.TextBlock(label=_("quote"))
    speaker = SnippetChooserBlock("people.Person", required=False, label=_("speaker"))
    speaker_name = blocks.CharBlock(
        required=False,
        label=_("speaker's name"),
        help_text=_("Only when the speaker has no page of their own."),
    )
    speaker_credentials = blocks.CharBlock(
        required=False,
        label=_("speaker's credentials"),
        help_text=_("Leave empty to use the credentials from the speaker's page."),
    )

    class Meta:
        icon = "openquote"
        template = "components/streamfield/quote_block.html"


class ImageBlock(blocks.StructBlock):
    """An image inside the story, with its caption and who made it."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, label=_("caption"))
    credit = blocks.CharBlock(required=False, label=_("credit"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if value["image"]:
            context["small"], context["large"] = pictures_of(value["image"], BODY_RENDITIONS)
        return context

    class Meta:
        icon = "image"
        template = "components/streamfield/image_block.html"


class QuestionAnswerBlock(blocks.StructBlock):
    """One exchange of an interview: the outlet's question and the answer."""

    question = blocks.TextBlock(label=_("question"))
    answer = SafeRichTextBlock(features=PARAGRAPH_FEATURES, label=_("answer"))

    class Meta:
        icon = "help"
        template = "components/streamfield/qa_block.html"


class SafeEmbedBlock(EmbedBlock):
    """A video or post from another site: the provider's player alone, in a sandbox.

    Providers send HTML of their choosing; only an https iframe is kept (scripts would not
    run under the site's Content-Security-Policy anyway). Without one, or when the provider
    cannot be reached, the reader gets a link instead.
    """

    def render(self, value, context=None):
        if not value:
            return ""
        try:
            html = embed_clean(embeds.get_embed(value.url).html or "")
        except EmbedException:
            html = ""
        if not html:
            return format_html(
                '<p class="body-embed"><a href="{}">{}</a></p>', value.url, value.url
            )
        return format_html('<div class="body-embed">{}</div>', mark_safe(html))  # noqa: S308


class ArticleBodyBlock(blocks.StreamBlock):
    """Everything an article body may contain, in any order."""

    paragraph = ParagraphBlock(features=PARAGRAPH_FEATURES, label=_("paragraph"))
    heading = HeadingBlock(label=_("heading"), icon="title")
    quote = QuoteBlock(label=_("quote"))
    image = ImageBlock(label=_("image"))
    embed = SafeEmbedBlock(label=_("embed"), icon="media")
    question_answer = QuestionAnswerBlock(label=_("question and answer"))
