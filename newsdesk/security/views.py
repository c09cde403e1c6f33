"""The admin page where a member of staff turns two-step sign-in on or off."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsdesk.security.two_factor import (
    DEVICE_NAME,
    confirmed_device,
    qr_code_svg,
    secret_for_people,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Current code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not self.device.verify_token(code):
            raise forms.ValidationError(_("That code is not right, or it has expired."))
        return code


def two_step(request):
    """Show how to add the site to an authenticator app, and confirm it with a first code."""
    user = request.user
    device = confirmed_device(user)
    turning_on = device is None
    if turning_on:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if turning_on:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is on."))
        else:
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, _("Two-step sign-in is off."))
        return redirect("newsdesk_two_step")
    context = {"form": form, "turning_on": turning_on, "header_title": _("Two-step sign-in")}
    if turning_on:
        context.update(qr_code=qr_code_svg(device.config_url), secret=secret_for_people(device))
    return TemplateResponse(request, "security/two_step.html", context)
