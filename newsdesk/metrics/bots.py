"""Telling readers from crawlers: the one test every count readers make uses (counters.bots)."""

from newsdesk.counters.bots import BOT_PATTERN, is_bot

__all__ = ["BOT_PATTERN", "is_bot"]
