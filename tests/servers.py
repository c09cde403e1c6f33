"""Servers the tests and the benchmark start for themselves: Varnish and nginx, on free ports.

Each runs from Debian's packages as a child process in a folder of its own, listens on
127.0.0.1 only and is stopped when the block ends; nothing the machine runs is touched.
"""

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from demo_site import ROOT, free_port, require_tool, wait_until_serving

VCL = ROOT / "deploy" / "varnish" / "newsdesk.vcl"


@contextlib.contextmanager
def running(command, ready_url, workdir):
    """Run `command` until the block ends, once `ready_url` answers; then remove `workdir`."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_serving(ready_url, process, timeout=30)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def varnish(backend_port, port=None, memory="256m"):
    """varnishd with deploy/varnish/newsdesk.vcl in front of 127.0.0.1:backend_port.

    Yields the base URL. The VCL is the shipped one, with only the backend's port changed.
    """
    require_tool(shutil.which("varnishd"), "varnishd (Debian's varnish) is not installed")
    port = port or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-varnish-"))
    # varnishd drops its privileges to its own user, who must reach the work folder.
    workdir.chmod(0o755)
    vcl = workdir / "newsdesk.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    command = [
        shutil.which("varnishd"), "-F",
        "-a", f"127.0.0.1:{port}",
        "-T", f"127.0.0.1:{free_port()}",
        "-f", str(vcl),
        "-s", f"malloc,{memory}",
        "-n", str(workdir / "instance"),
        "-p", "vsl_space=16m",
    ]  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    with running(command, base_url + "/healthz", workdir):
        yield base_url


@contextlib.contextmanager
def nginx_static(file_path, url_path="/", workers=2):
    """nginx serving one file at url_path: the physical limit a page cache is measured against.

    Yields the file's URL.
    """
    require_tool(shutil.which("nginx"), "nginx (Debian's nginx) is not installed")
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-nginx-"))
    workdir.chmod(0o755)
    root = workdir / "root"
    target = root / url_path.strip("/") / "index.html" if url_path.endswith("/") else None
    target = target or root / url_path.strip("/")
    target.parent.mkdir(parents=True)
    shutil.copyfile(file_path, target)
    for folder in [root, *target.parents]:
        if str(folder).startswith(str(workdir)):
            folder.chmod(0o755)
    target.chmod(0o644)
    config = workdir / "nginx.conf"
    config.write_text(
        f"""
worker_processes {workers};
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types {{ text/html html; }}
    default_type text/html;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""
    )
    command = [shutil.which("nginx"), "-c", str(config), "-p", str(workdir), "-g", "daemon off;"]
    url = f"http://127.0.0.1:{port}{url_path}"
    with running(command, url, workdir):
        yield url
