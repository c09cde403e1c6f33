"""Log lines as JSON objects, each with the id of the request it was written in.

The id comes from the `X-Request-ID` header when the proxy in front sets one (nginx's
$request_id in deploy/nginx), so a line of ours and the proxy's access log line of the same
request can be matched; otherwise it is made here. It is sent back in `X-Request-ID`.
Outside a request (the worker, commands) lines carry the id of the task or job they run.
"""

import contextvars
import json
import logging
import os
import re
import time
import traceback

request_id_var = contextvars.ContextVar("newsdesk_request_id", default=None)
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def new_request_id():
    return os.urandom(12).hex()


def request_id_from(header):
    """The proxy's request id when it looks like one, else a new one."""
    if header and ACCEPTED_ID.fullmatch(header):
        return header
    return new_request_id()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (None outside a request) to every record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, and more."""

    # Attributes every LogRecord has; anything else was passed in `extra` and is kept.
    STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
        "message",
        "asctime",
        "request_id",
    }

    def format(self, record):
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for name, value in vars(record).items():
            if name not in self.STANDARD and not name.startswith("_"):
                line[name] = value
        if record.exc_info:
            line["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(line, ensure_ascii=False, default=str)
