"""The pieces an article body is made of, as the newsroom writes it."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


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

    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("paragraph"),
        template="components/streamfield/paragraph_block.html",
    )
    heading = blocks.CharBlock(
        label=_("heading"), icon="title", template="components/streamfield/heading_block.html"
    )
    quote = QuoteBlock(label=_("quote"))
    image = ImageBlock(label=_("image"))
    embed = EmbedBlock(
        label=_("embed"), icon="media", template="components/streamfield/embed_block.html"
    )
    question_answer = QuestionAnswerBlock(label=_("question and answer"))
