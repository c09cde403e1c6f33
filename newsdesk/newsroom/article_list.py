"""The admin's list of all articles, newest first, that costs the same at a thousand or a million.

Wagtail's page listing, kept with its filters, search, row actions and annotations, except
where it reads the whole archive: its base query (every page the user may explore, as a
subquery), its count of every article, and sorts the database can only do by reading all
of them. Each is replaced here by a read of one index range (bench/newsroom.py).
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, QuerySet
from django.forms import CheckboxSelectMultiple
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import BooleanFilter
from wagtail.admin.filters import LocaleFilter, MultipleUserFilter
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom.models import TrashedArticle

# The list counts its articles up to this many pages' worth (10,000), then says "more than".
COUNT_PAGES = 200
# The one order the database reads from an index (the publication time's, either way).
SORTABLE = {"published_at"}


class ArticlePaginator(WagtailPaginator):
    """Pages of the article list that count no further than COUNT_PAGES pages.

    Counting every article read one row each (208 ms at 100,000 articles, growing with the
    archive); an editor looking further back than 200 pages filters or searches instead.
    """

    @cached_property
    def limit(self):
        return COUNT_PAGES * self.per_page

    @cached_property
    def counted(self):
        articles = self.object_list
        if isinstance(articles, QuerySet):
            # Ids only: the rows' annotations, computed for each row counted, were 157 ms
            # of 160 at 100,000. (Search results are counted by the search backend.)
            articles = articles.values("pk")
        return articles[: self.limit + 1].count()

    @cached_property
    def count(self):
        return min(self.counted, self.limit)

    @cached_property
    def items_count_label(self):
        if self.counted > self.limit:
            return _("More than %(count)s %(articles)s") % {
                "count": f"{self.limit:,}",
                "articles": self.verbose_name_plural,
            }
        return super().items_count_label


def page_owners(request):
    """Users who own a page: one lookup of the owner index per user.

    Wagtail's `pk IN (SELECT DISTINCT owner_id FROM every page)` read the whole page table
    (8 ms at 100,000 articles) to build the filter's choices on every visit.
    """
    return get_user_model().objects.filter(Exists(Page.objects.filter(owner=OuterRef("pk"))))


class EditionFilter(LocaleFilter):
    """Wagtail's edition filter, the edition tested on each row read newest first.

    Filtered on `locale_id = X`, SQLite read the edition's pages through the page table's
    edition index and sorted them all (10.8 s for a third of a million articles); no index
    matches `locale_id + 0`, so the list is read down the publication time's index until
    its page of rows (one in three in a three-edition outlet) is found.
    """

    def filter(self, qs, language_code):
        if not language_code:
            return qs
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is None:
            return qs.none()
        return qs.alias(edition=F("locale_id") + 0).filter(edition=locale.pk)


class ArticleFilterSet(PageFilterSet):
    """Wagtail's page filters, with the edition, the owners and the live flag read cheaply."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail adds its edition filter here, with the outlet's languages as choices.
        if "locale" in self.filters:
            self.filters["locale"].__class__ = EditionFilter

    owner = MultipleUserFilter(
        label=gettext_lazy("Owner"), queryset=page_owners, widget=CheckboxSelectMultiple
    )
    # The article's own copy of Page.live: drafts are read from their own small index
    # (article_draft_newest) instead of down the whole archive, as "not live" on the page
    # table was (2 s at 100,000 when no article matched).
    live = BooleanFilter(
        field_name="live_copy", label=gettext_lazy("Live"), widget=BooleanRadioSelect
    )


class ArticleIndexView(IndexView):
    """The article list, without the articles in the trash."""

    paginator_class = ArticlePaginator
    base_filterset_class = ArticleFilterSet

    def get_base_queryset(self):
        # Wagtail's own filters on `depth > 1` and `pk IN (every page the user may explore)`:
        # either made SQLite read and sort every article, annotating each, before taking the
        # 50 shown (16 s at a million articles). Read down the publication time's index
        # instead, the annotations are made for the 50 rows only (2 ms at 100,000).
        user = self.request.user
        roots = self.permission_policy.instances_with_direct_explore_permission(user)
        articles = self.model.objects.under(roots).exclude(
            pk__in=TrashedArticle.objects.values("page_id")
        )
        return self.annotate_queryset(articles).select_related(
            "section", for_specific_subqueries=True
        )

    @cached_property
    def columns(self):
        # Sorted by title, section, edition or views, the database read and sorted every
        # article (6 s at a million): only the publication time's header sorts. The columns
        # are made afresh for each request from list_display, so changing them is local.
        columns = super().columns
        for column in columns:
            if column.sort_key not in SORTABLE:
                column.sort_key = None
        return columns


class ArticleListingViewSet(PageListingViewSet):
    """All articles of all editions in one list, newest first, filterable by edition and flags.

    Editors work by story, not by tree position; the page explorer stays for structure.
    """

    model = ArticlePage
    index_view_class = ArticleIndexView
    icon = "doc-full"
    menu_label = gettext_lazy("Articles")
    menu_order = 150
    add_to_admin_menu = True
    name = "articles"
    list_display = ["title", "section", "locale", "published_at", "view_count", "status_string"]
    # The edition filter is Wagtail's own, added to every translatable listing: by language
    # code, as the listing's ?locale= expects (a "locale" here filtered by id, and the
    # listing answered the id with a 404).
    list_filter = ["is_breaking", "is_featured", "live"]
    ordering = ["-published_at"]
