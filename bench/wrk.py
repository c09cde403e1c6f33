"""Running wrk for `bench/speed.py`: one run per target, its figures read from a Lua hook.

wrk prints its summary rounded for people ("100.23MB read"); the `done` hook below prints the
exact counters (requests, bytes, errors by kind, latency percentiles in microseconds) as one
JSON line, which is what the benchmark reads. `--latency` stays on, so the log of each run
shows wrk's own distribution too.
"""

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

RESULT_MARK = "WRK-JSON "

# A reader's browser, so the view counter counts the request (newsdesk/metrics/bots.py).
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)

DONE_HOOK = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK-JSON {\"requests\": %.0f, \"duration_us\": %.0f, \"bytes\": %.0f, "
    .. "\"connect_errors\": %.0f, \"read_errors\": %.0f, \"write_errors\": %.0f, "
    .. "\"non_2xx\": %.0f, \"timeouts\": %.0f, "
    .. "\"p50_us\": %.0f, \"p90_us\": %.0f, \"p95_us\": %.0f, \"p99_us\": %.0f, "
    .. "\"max_us\": %.0f}\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""

# Each wrk thread has a Lua state of its own: number them so their random sequences differ.
THREAD_NUMBERING = """
local thread_count = 0
setup = function(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end
"""

RANDOM_PATHS = """
local paths = {}
init = function(args)
  math.randomseed(os.time() * 1000 + thread_number)
  for line in io.lines(%(list)s) do
    paths[#paths + 1] = line
  end
end
request = function()
  return wrk.format(nil, paths[math.random(#paths)])
end
"""

VIEW_POSTS = """
local ids = {}
local headers = {["User-Agent"] = %(user_agent)s}
init = function(args)
  math.randomseed(os.time() * 1000 + thread_number)
  for line in io.lines(%(list)s) do
    ids[#ids + 1] = line
  end
end
request = function()
  -- An empty body makes wrk.format send "Content-Length: 0".
  return wrk.format("POST", "/views/" .. ids[math.random(#ids)] .. "/", headers, "")
end
"""


class WrkError(RuntimeError):
    """wrk could not run or printed no result."""


@dataclass
class WrkResult:
    """The figures of one wrk run."""

    requests: int
    duration_us: int
    bytes: int
    connect_errors: int
    read_errors: int
    write_errors: int
    non_2xx: int
    timeouts: int
    p50_us: int
    p90_us: int
    p99_us: int
    max_us: int
    p95_us: int = 0

    @property
    def requests_per_second(self):
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    @property
    def bytes_per_response(self):
        return self.bytes / self.requests if self.requests else 0.0

    @property
    def socket_errors(self):
        return self.connect_errors + self.read_errors + self.write_errors + self.timeouts

    @property
    def acknowledged(self):
        """Requests answered with a status below 400 (wrk counts 4xx and 5xx as non_2xx)."""
        return self.requests - self.non_2xx

    def as_dict(self):
        return {
            **asdict(self),
            "requests_per_second": round(self.requests_per_second, 1),
            "bytes_per_response": round(self.bytes_per_response),
        }


def lua_string(text):
    """A Lua string literal for text (paths and headers have no newlines)."""
    return json.dumps(str(text))


def script_single(folder):
    """A script that only reports: wrk sends its one prepared request, the fastest way."""
    return write_script(folder, "single.lua", DONE_HOOK)


def script_random_paths(folder, paths_file):
    """A script that GETs a random path from paths_file (one a line) per request."""
    body = RANDOM_PATHS % {"list": lua_string(paths_file)}
    return write_script(folder, "random-paths.lua", THREAD_NUMBERING + body + DONE_HOOK)


def script_view_posts(folder, ids_file):
    """A script that POSTs /views/<id>/ as a browser for a random id of ids_file per request."""
    body = VIEW_POSTS % {"list": lua_string(ids_file), "user_agent": lua_string(BROWSER_USER_AGENT)}
    return write_script(folder, "view-posts.lua", THREAD_NUMBERING + body + DONE_HOOK)


def write_script(folder, name, text):
    path = Path(folder) / name
    path.write_text(text)
    return path


def wrk_available():
    """True when wrk is on PATH, after installing Debian's package if it was not."""
    if shutil.which("wrk"):
        return True
    print("wrk is missing: apt-get install -y wrk…", flush=True)
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, check=False).returncode != 0:
        # Package lists may never have been fetched on a fresh machine.
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(install, check=False)
    return shutil.which("wrk") is not None


def wrk_run(url, script, duration, threads=2, connections=16, timeout=None, log_path=None):
    """Run wrk against url for `duration` seconds; return its WrkResult.

    The whole output goes to log_path when given, for a look at wrk's own summary.
    """
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-s",
        str(script),
    ]
    if timeout:
        command += ["--timeout", timeout]
    command.append(url)
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 120, check=False
    )
    output = completed.stdout + completed.stderr
    if log_path:
        Path(log_path).write_text(f"$ {' '.join(command)}\n{output}")
    for line in completed.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return WrkResult(**json.loads(line.removeprefix(RESULT_MARK)))
    raise WrkError(f"wrk {url} exited {completed.returncode} without a result:\n{output[-2000:]}")
