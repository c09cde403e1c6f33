"""Backups of the database and the media that belong to it, and their restore.

A backup is one tar file: `manifest.json`, the database (PostgreSQL's custom-format dump,
or a copy of the SQLite file made with SQLite's online backup API) and, under `media/`,
every file a row of that database names (pictures, their renditions, documents). The two
are consistent with each other: the list of files is read from the same snapshot that was
dumped, so every file the restored database names is in the archive. The manifest keeps
each member's SHA-256 and the snapshot's counts (articles, revisions, images, views), which
the restore checks before and after it writes anything.

Buffered views are written to the database first, so the counts of the backup are the
counts readers were shown.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connections, models
from tqdm import tqdm

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
# The figures compared after a restore: what a newsroom could not bear to lose.
COUNTS = {
    "articles": "SELECT count(*) FROM articles_articlepage",
    "revisions": "SELECT count(*) FROM wagtailcore_revision",
    "images": "SELECT count(*) FROM wagtailimages_image",
    "renditions": "SELECT count(*) FROM wagtailimages_rendition",
    "documents": "SELECT count(*) FROM wagtaildocs_document",
    "article_views": "SELECT coalesce(sum(view_count), 0) FROM articles_articlepage",
    "tallied_views": "SELECT coalesce(sum(views), 0) FROM metrics_viewtally",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def file_columns():
    """(table, column) of every file field of every model: where the media's names are."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                columns.append((model._meta.db_table, field.column))
    return sorted(set(columns))


def snapshot_read(cursor, quote):
    """(sorted file names, counts) as the snapshot behind `cursor` has them."""
    names = set()
    for table, column in file_columns():
        cursor.execute(
            f"SELECT DISTINCT {quote(column)} FROM {quote(table)} "
            f"WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''"
        )
        names.update(row[0] for row in cursor.fetchall())
    counts = {}
    for name, query in COUNTS.items():
        cursor.execute(query)
        counts[name] = int(cursor.fetchone()[0])
    return sorted(names), counts


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def postgres_program(name):
    """pg_dump or pg_restore of Debian's newest PostgreSQL (able to read older servers)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    program = str(found[-1]) if found else shutil.which(name)
    if program is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return program


def postgres_env(database):
    """Connection settings for libpq programs, the password out of the command line."""
    env = {**os.environ, "PGDATABASE": database["NAME"]}
    for key, variable in (("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                          ("HOST", "PGHOST"), ("PORT", "PGPORT")):  # fmt: skip
        if database.get(key):
            env[variable] = str(database[key])
    return env


def progress(total, description, enabled, unit="it"):
    return tqdm(total=total, desc=description, unit=unit, disable=not enabled, leave=False)


def postgres_dump(target, show_progress):
    """Dump the database to `target`; returns the snapshot's (file names, counts)."""
    import psycopg

    database = settings.DATABASES["default"]
    env = postgres_env(database)
    with psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
    ) as snapshot:
        # The dump and the list of files read one snapshot, held open until both are done.
        snapshot.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot_id = snapshot.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tables = snapshot.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
            "'information_schema')"
        ).fetchone()[0]
        with progress(tables, "database", show_progress, unit="table") as bar:
            process = subprocess.Popen(
                [postgres_program("pg_dump"), "--format=custom", "--verbose",
                 f"--snapshot={snapshot_id}", f"--file={target}"],
                env=env, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            errors = []
            for line in process.stderr:
                if "dumping contents of table" in line:
                    bar.update(1)
                elif "error" in line.lower():
                    errors.append(line.strip())
            if process.wait() != 0:
                raise BackupError("pg_dump failed: " + " ".join(errors[-3:]))
        with snapshot.cursor() as cursor:
            return snapshot_read(cursor, lambda name: '"' + name.replace('"', '""') + '"')


def sqlite_copy(source, target, show_progress):
    """Copy a SQLite database with its online backup API (consistent while it is in use)."""
    with (
        contextlib.closing(sqlite3.connect(source)) as origin,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        pages = origin.execute("PRAGMA page_count").fetchone()[0]
        with progress(pages, "database", show_progress, unit="page") as bar:

            def advance(status, remaining, total):
                bar.total = total
                bar.n = total - remaining
                bar.refresh()

            origin.backup(copy, pages=4096, progress=advance)
        copy.execute("PRAGMA journal_mode=DELETE")


def sqlite_dump(target, show_progress):
    sqlite_copy(settings.DATABASES["default"]["NAME"], target, show_progress)
    with contextlib.closing(sqlite3.connect(target)) as copy:
        cursor = copy.cursor()
        return snapshot_read(cursor, lambda name: '"' + name.replace('"', '""') + '"')


class HashingReader(io.RawIOBase):
    """A file read through once for the tar, its SHA-256 computed on the way."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.file.read(len(buffer))
        self.digest.update(data)
        buffer[: len(data)] = data
        return len(data)


def backup_create(output, show_progress=True, log=print):
    """Write a backup to `output` (a .tar path); returns the manifest."""
    from newsdesk.metrics.flush import views_flush

    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} exists already; name a new file (or remove it first)")
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a folder")
    try:
        flushed = views_flush()
        log(f"Buffered views written to the database: {flushed}")
    except Exception as error:  # noqa: BLE001 - the backup goes on; the views stay buffered
        log(f"Warning: buffered views could not be written ({error}); they are not in it")
    vendor = connections["default"].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="newsdesk-backup-") as work:
        database_file = Path(work) / (
            "database.dump" if vendor == "postgresql" else "database.sqlite3"
        )
        dump = postgres_dump if vendor == "postgresql" else sqlite_dump
        names, counts = dump(database_file, show_progress)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {
                "vendor": vendor,
                "member": database_file.name,
                "size": database_file.stat().st_size,
                "sha256": sha256_file(database_file),
            },
            "counts": counts,
            "media": [],
            "missing_media": [],
        }
        try:
            with tarfile.open(partial, "w") as archive:
                archive.add(database_file, arcname=database_file.name)
                media_add(archive, names, manifest, show_progress)
                data = json.dumps(manifest, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def media_add(archive, names, manifest, show_progress):
    """Add every named file from the media store, noting those the store no longer has."""
    with progress(len(names), "media", show_progress, unit="file") as bar:
        for name in names:
            bar.update(1)
            try:
                size = default_storage.size(name)
                file = default_storage.open(name, "rb")
            except (FileNotFoundError, OSError):
                manifest["missing_media"].append(name)
                continue
            with file:
                reader = HashingReader(file)
                info = tarfile.TarInfo("media/" + name)
                info.size = size
                archive.addfile(info, io.BufferedReader(reader, CHUNK))
            manifest["media"].append(
                {"name": name, "size": size, "sha256": reader.digest.hexdigest()}
            )


def manifest_read(archive, path):
    try:
        member = archive.getmember(MANIFEST)
    except KeyError:
        raise BackupError(f"{path} is not a newsdesk backup: it has no {MANIFEST}") from None
    try:
        manifest = json.loads(archive.extractfile(member).read())
    except ValueError as error:
        raise BackupError(f"{path}: its {MANIFEST} is damaged ({error})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: backup format {manifest.get('format')!r} is not {FORMAT}")
    return manifest


def member_extract(archive, name, target, sha256):
    """Write one member to `target`, checking its SHA-256."""
    try:
        source = archive.extractfile(name)
    except KeyError:
        raise BackupError(f"the backup lacks {name}: it is incomplete") from None
    digest = hashlib.sha256()
    with source, open(target, "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha256:
        raise BackupError(f"{name} in the backup is damaged (its SHA-256 does not match)")


def database_counts():
    """The manifest's counts, read from the configured database."""
    counts = {}
    with connections["default"].cursor() as cursor:
        for name, query in COUNTS.items():
            cursor.execute(query)
            counts[name] = int(cursor.fetchone()[0])
    return counts


def database_has_articles():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute(COUNTS["articles"])
            return cursor.fetchone()[0] > 0
    except Exception:  # noqa: BLE001 - no table yet: an empty database
        return False


def backup_restore(path, force=False, show_progress=True, log=print):
    """Replace the database and add the media from the backup at `path`; returns the counts.

    The database is replaced in one step (pg_restore in a single transaction, or the SQLite
    file renamed into place), only after every member's checksum matched.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        archive = tarfile.open(path, "r")  # noqa: SIM115 - closed by the `with` below
    except tarfile.TarError as error:
        raise BackupError(f"{path} is not a newsdesk backup (not a tar file: {error})") from None
    with archive:
        manifest = manifest_read(archive, path)
        vendor = connections["default"].vendor
        if manifest["database"]["vendor"] != vendor:
            raise BackupError(
                f"{path} holds a {manifest['database']['vendor']} database, but DATABASE_URL "
                f"names a {vendor} one: restore it into the same kind of database"
            )
        if database_has_articles() and not force:
            raise BackupError(
                "the database already holds articles: stop the site and add --force to "
                "replace them with the backup's"
            )
        with tempfile.TemporaryDirectory(prefix="newsdesk-restore-") as work:
            database_file = Path(work) / manifest["database"]["member"]
            member_extract(archive, manifest["database"]["member"], database_file,
                           manifest["database"]["sha256"])  # fmt: skip
            media_files = media_extract(archive, manifest, Path(work) / "media", show_progress)
            connections.close_all()
            if vendor == "postgresql":
                postgres_restore(database_file)
            else:
                sqlite_restore(database_file, show_progress)
            media_store(media_files, show_progress)
    counts = database_counts()
    differing = {
        name: (manifest["counts"].get(name), value)
        for name, value in counts.items()
        if manifest["counts"].get(name) != value
    }
    if differing:
        raise BackupError(f"the restored database differs from the backup: {differing}")
    for name in manifest.get("missing_media", []):
        log(f"Warning: {name} was already missing from the media store when backed up")
    return counts


def media_extract(archive, manifest, folder, show_progress):
    """Check and unpack every media file; returns [(name, path)]."""
    files = []
    with progress(len(manifest["media"]), "checking media", show_progress, unit="file") as bar:
        for item in manifest["media"]:
            target = folder / item["name"]
            if ".." in Path(item["name"]).parts or Path(item["name"]).is_absolute():
                raise BackupError(f"the backup names a file outside the media: {item['name']}")
            target.parent.mkdir(parents=True, exist_ok=True)
            member_extract(archive, "media/" + item["name"], target, item["sha256"])
            files.append((item["name"], target))
            bar.update(1)
    return files


def media_store(files, show_progress):
    """Put each file into the media store under its own name (disk or S3)."""
    with progress(len(files), "media", show_progress, unit="file") as bar:
        for name, path in files:
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(path, "rb") as file:
                stored = default_storage.save(name, File(file, name=name))
            if stored != name:
                raise BackupError(f"the media store kept {name} as {stored}")
            bar.update(1)


def postgres_restore(database_file):
    database = settings.DATABASES["default"]
    result = subprocess.run(
        [postgres_program("pg_restore"), "--clean", "--if-exists", "--no-owner",
         "--no-privileges", "--single-transaction", "--exit-on-error",
         f"--dbname={database['NAME']}", str(database_file)],
        env=postgres_env(database), capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError("pg_restore failed; the database is as it was: " + result.stderr[-1500:])


def sqlite_restore(database_file, show_progress):
    """Copy the backup next to the database file, then rename it into place at once."""
    target = Path(settings.DATABASES["default"]["NAME"])
    staged = target.with_name(target.name + ".restoring")
    staged.unlink(missing_ok=True)
    sqlite_copy(database_file, staged, show_progress)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(staged, target)
