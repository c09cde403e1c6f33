"""The ad report in the admin: every placement over a period, and one placement day by day."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.admin.auth import permission_denied

from newsdesk.ads.models import AdPlacement
from newsdesk.ads.report import period_of, placement_days, placement_figures

REPORT_PERMISSION = "ads.view_adplacement"


def report_context(request):
    """The period asked for (?from=&to=), or the default with an error message."""
    try:
        first, last = period_of(request.GET.get("from"), request.GET.get("to"))
        return {"first": first, "last": last, "error": None}
    except ValueError as error:
        first, last = period_of(None, None)
        return {"first": first, "last": last, "error": str(error)}


def ad_report(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        return permission_denied(request)
    context = report_context(request)
    context["figures"] = placement_figures(context["first"], context["last"])
    status = 400 if context["error"] else 200
    return TemplateResponse(request, "ads/report.html", context, status=status)


def ad_report_placement(request, pk):
    if not request.user.has_perm(REPORT_PERMISSION):
        return permission_denied(request)
    placement = get_object_or_404(AdPlacement, pk=pk)
    context = report_context(request)
    context["placement"] = placement
    context["days"] = placement_days(placement, context["first"], context["last"])
    status = 400 if context["error"] else 200
    return TemplateResponse(request, "ads/report_placement.html", context, status=status)
