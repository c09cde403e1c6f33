"""Two-step sign-in to the admin for staff who turn it on: a password, then a code from an
authenticator app (TOTP, django-otp).

Staff without a device sign in as before; with one, the login form asks for the current
six-digit code. A wrong code counts as a failed sign-in for the lockout (django-axes), so
codes cannot be guessed faster than passwords.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm

DEVICE_NAME = "Authenticator app"


def confirmed_device(user):
    """The user's confirmed authenticator, or None when two-step sign-in is off."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class TwoFactorLoginForm(LoginForm):
    """Wagtail's login form with a code field, required of users who have an authenticator."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Only if you turned on two-step sign-in."),
    )

    error_messages = {
        **LoginForm.error_messages,
        "otp_required": _("Enter the current code from your authenticator app."),
        "otp_invalid": _("That code is not right, or it has expired. Try the current one."),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        device = confirmed_device(user) if user is not None else None
        if device is None:
            return cleaned
        token = (cleaned.get("otp_token") or "").strip().replace(" ", "")
        if not token or not device.verify_token(token):
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned.get("username")},
                request=self.request,
            )
            self.user_cache = None
            raise forms.ValidationError(
                self.error_messages["otp_invalid" if token else "otp_required"],
                code="otp_invalid" if token else "otp_required",
            )
        self.request.newsdesk_otp_device = device
        return cleaned


def session_verified(sender, request, user, **kwargs):
    """Marks the session as signed in with the second step (request.user.is_verified())."""
    device = getattr(request, "newsdesk_otp_device", None) if request else None
    if device is not None:
        otp_login(request, device)


def connect():
    user_logged_in.connect(session_verified, dispatch_uid="newsdesk-two-factor")


def qr_code_svg(uri):
    """The otpauth:// address as an SVG QR code an authenticator app can scan."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return mark_safe(buffer.getvalue().decode())  # noqa: S308 - drawn by qrcode from our URI


def secret_for_people(device):
    """The device's key in base32, as authenticator apps ask for it when typed in by hand."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")
