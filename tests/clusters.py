"""Database and Redis servers of a test's own: PostgreSQL clusters (a primary and its
streaming replica) and redis-server, on free ports, in temporary folders.

Built from Debian's binaries (`/usr/lib/postgresql/<version>/bin`, `redis-server`) so that a
test may stop, kill or pause them; the machine's own PostgreSQL and Redis are never touched.
PostgreSQL refuses to run as root, so as root its commands run as the `postgres` user
(`runuser`), in a folder that user owns. Everything started here is stopped, and its folder
removed, when the block ends, whatever happened inside it.

    with postgres_cluster() as primary, postgres_replica(primary) as replica:
        primary.url("newsdesk"), replica.url("newsdesk")

Used by the fault tests (tests/operations) and `make soak` (bench/soak.py).
"""

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from demo_site import free_port

POSTGRES_USER = "postgres"
START_SECONDS = 30


def postgres_bin():
    """The bin folder of Debian's newest PostgreSQL, or None when it is not installed."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def as_postgres(command):
    """`command` run as the postgres user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", POSTGRES_USER, "--", *command]
    return command


def owned_temp_dir(prefix):
    """A temporary folder the postgres user may write (owned by it when we are root)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        entry = pwd.getpwnam(POSTGRES_USER)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o700)
    return folder


def run(command, **options):
    """Run a command, raising with its output when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, **options)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, command))} exited {result.returncode}:\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return result.stdout


class PostgresCluster:
    """One PostgreSQL data folder and the server on it (started with `start`)."""

    def __init__(self, folder, port, name):
        self.bin = postgres_bin()
        self.folder = folder
        self.data = folder / name
        self.port = port
        self.name = name
        self.log = folder / f"{name}.log"

    def pg(self, program, *args):
        return as_postgres([str(self.bin / program), *map(str, args)])

    def url(self, database="postgres"):
        return f"postgres://{POSTGRES_USER}@127.0.0.1:{self.port}/{database}"

    def initdb(self):
        run(self.pg("initdb", "-D", self.data, "-U", POSTGRES_USER, "-A", "trust",
                    "-E", "UTF8", "--no-locale", "--no-sync"))  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                "\n# newsdesk test cluster\n"
                "listen_addresses = '127.0.0.1'\n"
                # Test data need not survive the machine crashing, only the server.
                "fsync = off\n"
                "full_page_writes = off\n"
                "max_connections = 200\n"
                "wal_level = replica\n"
                "max_wal_senders = 5\n"
                "hot_standby = on\n"
                "wal_receiver_status_interval = 1s\n"
            )

    def start(self):
        run(self.pg("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", START_SECONDS,
                    "-o", f"-p {self.port} -k {self.folder}", "start"))  # fmt: skip

    def stop(self, mode="fast"):
        """Stop the server (`immediate` is a crash: no checkpoint, recovery at next start)."""
        if self.running():
            run(self.pg("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"))

    def restart(self):
        self.stop()
        self.start()

    def running(self):
        return (self.data / "postmaster.pid").exists() and self.postmaster_pid() is not None

    def postmaster_pid(self):
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            os.kill(pid, 0)
        except (OSError, ValueError, IndexError):
            return None
        return pid

    def sql(self, statement, database="postgres"):
        """Run one statement with psql; returns its unaligned output."""
        return run(self.pg("psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", self.port,
                           "-d", database, "-c", statement)).strip()  # fmt: skip

    def database_create(self, name, template=None):
        """A new database (a copy of `template` when given: fast, and no migrations)."""
        like = f' TEMPLATE "{template}"' if template else ""
        self.sql(f'CREATE DATABASE "{name}"{like}')

    def database_drop(self, name):
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def postgres_cluster():
    """A new, running primary cluster on a free port; stopped and deleted afterwards."""
    if postgres_bin() is None:
        raise RuntimeError("Debian's PostgreSQL server (postgresql) is not installed")
    folder = owned_temp_dir("newsdesk-pg-")
    cluster = PostgresCluster(folder, free_port(), "primary")
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(Exception):
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def postgres_replica(primary):
    """A streaming replica of `primary` (pg_basebackup -R), running on a free port."""
    replica = PostgresCluster(primary.folder, free_port(), "replica")
    try:
        run(primary.pg("pg_basebackup", "-h", "127.0.0.1", "-p", primary.port,
                       "-U", POSTGRES_USER, "-D", replica.data, "-R", "-X", "stream",
                       "--no-sync"))  # fmt: skip
        replica.start()
        yield replica
    finally:
        with contextlib.suppress(Exception):
            replica.stop("immediate")
        shutil.rmtree(replica.data, ignore_errors=True)


def replica_caught_up(primary, replica, database="postgres", timeout=15):
    """Wait until the replica has replayed everything the primary has written."""
    target = primary.sql("SELECT pg_current_wal_lsn()", database)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        behind = replica.sql(f"SELECT pg_last_wal_replay_lsn() < '{target}'::pg_lsn", database)
        if behind == "f":
            return
        time.sleep(0.05)
    raise RuntimeError(f"the replica did not reach {target} within {timeout}s")


class RedisServer:
    """redis-server in a folder of its own, with an append-only file so a kill loses nothing
    it acknowledged (Redis writes the file before it answers)."""

    def __init__(self, folder, port):
        self.folder = folder
        self.port = port
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server (Debian's redis-server) is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
             "--daemonize", "no", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                # Answers PING only once the append-only file is loaded.
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def kill(self):
        """SIGKILL: Redis dies as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextlib.contextmanager
def redis_server():
    """A running redis-server of the block's own on a free port."""
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-redis-"))
    server = RedisServer(folder, free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
