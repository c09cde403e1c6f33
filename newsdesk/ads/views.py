"""The endpoints an ad's script and link use, so the page carrying the ad stays cacheable."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from newsdesk.ads.counting import CLICK, IMPRESSION, ad_event_record, known_placements
from newsdesk.ads.models import AdPlacement
from newsdesk.counters.bots import is_bot

MAX_ID = 2**63 - 1
# The advertiser's HTML may load what it likes, but only inside its sandbox: an origin of its
# own (no allow-same-origin), so it reaches neither the page nor the reader's cookies.
FRAME_POLICY = (
    "default-src * data: blob: 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'; "
    "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox"
)
FRAME_SECONDS = 60


def counted(request, placement_id, kind):
    """Record the event unless a bot made it; Http404 for a placement that is not running."""
    if placement_id > MAX_ID or placement_id not in known_placements():
        raise Http404("No active ad placement has that id.")
    if not is_bot(request.headers.get("User-Agent", "")):
        ad_event_record(placement_id, kind)


# No CSRF token: the page is cached and shared, and a forged impression costs only a count.
@csrf_exempt
@require_POST
@never_cache
def ad_seen(request, placement_id):
    """An ad came into a reader's view."""
    counted(request, placement_id, IMPRESSION)
    return HttpResponse(status=204)


@require_GET
@never_cache
def ad_click(request, placement_id):
    """A reader followed an image ad: counted, then sent on to the advertiser."""
    link = known_placements().get(placement_id) if placement_id <= MAX_ID else None
    if not link:
        raise Http404("No running image ad with a link has that id.")
    counted(request, placement_id, CLICK)
    return HttpResponseRedirect(link)


@require_GET
def ad_frame(request, placement_id):
    """An HTML ad as a document of its own, for the sandboxed frame of its slot.

    Served apart instead of as the frame's srcdoc: a srcdoc document would inherit the
    page's Content-Security-Policy, under which the advertiser's scripts and pictures could
    not load; this one carries its own policy, which sandboxes it even when opened alone.
    """
    placement = get_object_or_404(
        AdPlacement.objects.exclude(html=""), pk=placement_id, is_active=True
    )
    response = HttpResponse(placement.frame_document())
    response["Content-Security-Policy"] = FRAME_POLICY
    response["Cache-Control"] = f"public, max-age={FRAME_SECONDS}"
    return response
