"""The services the `services` stack runs on: PostgreSQL and Redis on 127.0.0.1.

    .venv/bin/python tests/services.py check          # exit 0 when both answer
    .venv/bin/python tests/services.py create-db NAME # a database of newsdesk's own
    .venv/bin/python tests/services.py drop-db NAME

`make test-services` and `make bench STACK=services` use it. Under CI (CI=true) a service
that does not answer is a failure; on a developer's machine the caller may skip instead.
Nothing here starts, stops or reconfigures a server.
"""

import os
import sys

POSTGRES_URL = os.environ.get(
    "SERVICES_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("SERVICES_REDIS_URL", "redis://127.0.0.1:6379/14")


def postgres_problem():
    """None when PostgreSQL answers, else what went wrong."""
    import psycopg

    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        return f"PostgreSQL at {POSTGRES_URL}: {error}".strip()
    return None


def redis_problem():
    """None when Redis answers, else what went wrong."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL}: {error}"
    return None


def database_create(name, drop_first=False):
    """Create database `name` (owned by the connecting user); with drop_first, anew."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        if drop_first:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_drop(name):
    import psycopg
    from psycopg import sql

    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def database_url(name):
    """The URL of database `name` on the same server as POSTGRES_URL."""
    return POSTGRES_URL.rsplit("/", 1)[0] + "/" + name


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in {"check", "create-db", "drop-db"}:
        sys.exit(__doc__)
    action = sys.argv[1]
    if action == "check":
        problems = [problem for problem in (postgres_problem(), redis_problem()) if problem]
        for problem in problems:
            print(f"not reachable: {problem}", file=sys.stderr)
        sys.exit(1 if problems else 0)
    if len(sys.argv) != 3:
        sys.exit(f"{action} takes a database name")
    (database_create if action == "create-db" else database_drop)(sys.argv[2])


if __name__ == "__main__":
    main()
