"""The pieces an article body is made of, as the newsroom writes it."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from newsdesk.articles.pictures import pictures_of

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# A picture in the body at the widths its srcset offers.
BODY_RENDITIONS = ["width-480|format-webp", "width-960|format-webp"]


class ParagraphBlock(blocks.RichTextBlock):
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
    answer = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("answer"))

    class Meta:
        icon = "help"
        template = "components/streamfield/qa_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """Everything an article body may contain, in any order."""

    paragraph = ParagraphBlock(features=PARAGRAPH_FEATURES, label=_("paragraph"))
    heading = HeadingBlock(label=_("heading"), icon="title")
    quote = QuoteBlock(label=_("quote"))
    image = ImageBlock(label=_("image"))
    embed = EmbedBlock(
        label=_("embed"), icon="media", template="components/streamfield/embed_block.html"
    )
    question_answer = QuestionAnswerBlock(label=_("question and answer"))
