#!/usr/bin/env python3
"""Drives the rename people.full_name -> display_name and the drop of people.phone_number of a Django application
through the dualwrite sidecar, while version 1 (full_name, phone_number) and version 2 (display_name, no phone)
serve requests at the same time, and prints what happens at each step: which deploy, which command, what it checks.

It follows the two examples of the hand-made playbook (expand, dual-write, backfill, move reads, contract) with
dualwrite doing the dual-write and the name mapping, so that neither version's code has a save() override, a data
migration or a second field. The database must exist and be empty (createdb NAME); the script migrates it itself.

  python3 samples/django/rolling_rename.py --database dualwrite_django_sample

Requirements: Python 3 with Django 3.2+ and psycopg2, psql, and the dualwrite executable (by default cli/bin/dualwrite
of this repository; build it with mvn -q -DskipTests -pl cli -am package). Exit status 0 when no request failed and no
row diverged, 1 otherwise, 2 for a usage or set-up problem.
"""
import argparse
import json
import os
import random
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))
TABLE = "people"


_PORTS_GIVEN = set()


def free_port():
    # A port is only reserved while something listens on it, and the sidecar and the Django servers start later,
    # so the operating system may hand the same free port out twice: never give one out a second time.
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _PORTS_GIVEN:
            _PORTS_GIVEN.add(port)
            return port


def say(text=""):
    print(text, flush=True)


class Setup(Exception):
    """A problem with the environment, not with dualwrite: exit status 2."""


class Database:
    """The PostgreSQL server reached directly with psql, as an operator does for the backfill and the verify."""

    def __init__(self, args):
        self.args = args

    def psql_command(self, sql):
        return ["psql", "-h", self.args.pg_host, "-p", str(self.args.pg_port), "-U", self.args.pg_user,
                "-d", self.args.database, "-v", "ON_ERROR_STOP=1", "-XAtq", "-c", sql]

    def psql(self, sql):
        r = subprocess.run(self.psql_command(sql), capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, PGCONNECT_TIMEOUT="10"))
        if r.returncode != 0:
            raise Setup("psql failed (%d): %s" % (r.returncode, r.stderr.strip()))
        return r.stdout.strip()

    def columns(self):
        return self.psql("SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns"
                         " WHERE table_schema = current_schema() AND table_name = '%s'" % TABLE)

    @staticmethod
    def display(command):
        return " ".join(shlex.quote(c) for c in command)


class Operator:
    """The dualwrite command's backfill and verify, run against the server directly as an operator does."""

    def __init__(self, args, config):
        self.args = args
        self.config = config

    def run(self, command, window):
        url = "jdbc:postgresql://%s:%d/%s" % (self.args.pg_host, self.args.pg_port, self.args.database)
        argv = shlex.split(self.args.dualwrite) + [command, window, "--url", url, "--user", self.args.pg_user,
                                                   "--config", self.config]
        env = dict(os.environ)
        if "PGPASSWORD" in env:
            env["DUALWRITE_PASSWORD"] = env["PGPASSWORD"]
        r = subprocess.run(argv, capture_output=True, text=True, timeout=600, env=env)
        r.args = argv
        return r


def last_lines(text, lines=3):
    return "\n".join(text.strip().splitlines()[-lines:])


class Sidecar:
    """The dualwrite sidecar in front of the server, configured by a dualwrite.yaml it re-reads when it changes."""

    def __init__(self, args, work):
        self.args = args
        self.config = os.path.join(work, "dualwrite.yaml")
        self.port = free_port()
        self.admin = free_port()
        self.log = open(os.path.join(work, "sidecar.log"), "w")
        self.process = None

    def write_config(self, phase, drop):
        lines = ["windows:"]
        if phase:
            lines += ["  - table: %s" % TABLE, "    from: full_name", "    to: display_name", "    phase: " + phase]
        if drop:
            lines += ["  - table: %s" % TABLE, "    drop: phone_number"]
        if len(lines) == 1:
            lines = ["windows: []"]
        text = "\n".join(lines) + "\n"
        before = self.config_version() if self.process else None
        tmp = self.config + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, self.config)
        if before is not None:
            # The sidecar checks the file about once a second: wait until the new version is in force.
            until = time.time() + 30
            while self.config_version() <= before:
                if time.time() > until:
                    raise Setup("the sidecar did not apply %s within 30 s; see %s" % (self.config, self.log.name))
                time.sleep(0.1)
        return text

    def start(self):
        command = shlex.split(self.args.dualwrite) + [
            "sidecar", "--listen", "127.0.0.1:%d" % self.port,
            "--upstream", "%s:%d" % (self.args.pg_host, self.args.pg_port),
            "--config", self.config, "--admin", "127.0.0.1:%d" % self.admin]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        until = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/health" % self.admin, timeout=2):
                    break
            except OSError:
                if self.process.poll() is not None or time.time() > until:
                    raise Setup("the sidecar did not start; its log (%s):\n%s" % (self.log.name, tail(self.log.name)))
                time.sleep(0.2)
        return command

    def metrics(self):
        with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % self.admin, timeout=5) as r:
            return r.read().decode()

    def metric_lines(self, prefix):
        return [line for line in self.metrics().splitlines() if line.startswith(prefix)]

    def config_version(self):
        for line in self.metric_lines("dualwrite_configuration_version "):
            return int(float(line.split()[1]))
        return 0

    def old_name_uses(self):
        for line in self.metric_lines("dualwrite_window_name_uses_total{"):
            if 'name="old"' in line and "full_name" in line:
                return int(float(line.split()[-1]))
        return 0

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def tail(path, lines=30):
    try:
        with open(path) as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return "(no log)"


class Version:
    """One version of the Django application: its migrations and one instance serving HTTP through the sidecar."""

    def __init__(self, number, args, sidecar, work):
        self.number = number
        self.directory = os.path.join(HERE, "v%d" % number)
        self.args = args
        self.env = dict(os.environ, DW_DB_HOST="127.0.0.1", DW_DB_PORT=str(sidecar.port), DW_DB_NAME=args.database,
                        DW_DB_USER=args.pg_user, PYTHONDONTWRITEBYTECODE="1")
        self.http_port = free_port()
        self.log_path = os.path.join(work, "v%d.log" % number)
        self.process = None

    def manage(self, *arguments):
        command = [self.args.python, "manage.py"] + list(arguments)
        r = subprocess.run(command, cwd=self.directory, env=self.env, capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise Setup("v%d: %s failed:\n%s%s" % (self.number, " ".join(command), r.stdout, r.stderr))
        return "cd %s && %s" % (os.path.relpath(self.directory), " ".join(command[1:])), r.stdout

    def serve(self):
        self.log = open(self.log_path, "w")
        command = [self.args.python, "manage.py", "runserver", "--noreload", "127.0.0.1:%d" % self.http_port]
        self.process = subprocess.Popen(command, cwd=self.directory, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        until = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url("/people/?name=warm-up"), timeout=5):
                    break
            except OSError:
                if self.process.poll() is not None or time.time() > until:
                    raise Setup("v%d did not start serving; its log:\n%s" % (self.number, tail(self.log_path)))
                time.sleep(0.2)
        return "cd %s && %s" % (os.path.relpath(self.directory), " ".join(command[1:]))

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.http_port, path)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.log.close()


class Traffic(threading.Thread):
    """Requests to one version, in cycles: create a person, read it, rename it, read it, find it by name, and read a
    person the other version finished with (which must show the name that version gave it last)."""

    def __init__(self, version, ledger):
        super().__init__(name="traffic-v%d" % version.number, daemon=True)
        self.version = version
        self.ledger = ledger
        self.stopping = threading.Event()
        self.cycles = 0
        self.requests = 0
        self.failures = []

    def call(self, method, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.version.url(path), data=data, method=method)
        self.requests += 1
        with urllib.request.urlopen(request, timeout=20) as r:
            return json.loads(r.read().decode())

    def check(self, what, actual, expected):
        if actual != expected:
            self.failures.append("v%d %s: got %r, expected %r" % (self.version.number, what, actual, expected))

    def run(self):
        n = 0
        while not self.stopping.is_set():
            n += 1
            email = "v%d-%d-%d@example.org" % (self.version.number, os.getpid(), n)
            try:
                created = self.call("POST", "/people/", {"email": email, "name": "new " + email,
                                                         "phone": "+1 555 %04d" % n})
                pid = created["id"]
                self.ledger.written(email, pid, "new " + email)
                self.check("read after create", self.call("GET", "/people/%d/" % pid)["name"], "new " + email)
                renamed = "renamed " + email
                self.call("POST", "/people/%d/rename" % pid, {"name": renamed})
                self.ledger.written(email, pid, renamed)
                self.check("read after rename", self.call("GET", "/people/%d/" % pid)["name"], renamed)
                self.check("find by name", self.call("GET", "/people/?" + urllib.parse.urlencode(
                    {"name": renamed}))["ids"], [pid])
                self.ledger.finished(self.version.number, email)
                other = self.ledger.finished_by_other(self.version.number)
                if other:
                    other_id, other_name = other
                    self.check("read of a person the other version wrote",
                               self.call("GET", "/people/%d/" % other_id)["name"], other_name)
            except (urllib.error.URLError, OSError, ValueError, KeyError) as e:
                body = ""
                if isinstance(e, urllib.error.HTTPError):
                    body = " ".join(e.read().decode(errors="replace").split())[:120]
                self.failures.append("v%d cycle %d: %s %s" % (self.version.number, n, e, body))
            self.cycles = n
            time.sleep(0.01)


class Ledger:
    """What the traffic wrote, to compare with the table at the end."""

    def __init__(self):
        self.lock = threading.Lock()
        self.names = {}
        self.done = {1: [], 2: []}

    def written(self, email, pid, name):
        with self.lock:
            self.names[email] = (pid, name)

    def finished(self, version, email):
        with self.lock:
            self.done[version].append(email)

    def finished_by_other(self, version):
        with self.lock:
            emails = self.done[2 if version == 1 else 1]
            return self.names[random.choice(emails)] if emails else None


class Rollout:
    def __init__(self, args):
        self.args = args
        self.work = args.work_dir or tempfile.mkdtemp(prefix="dualwrite-django-")
        os.makedirs(self.work, exist_ok=True)
        self.db = Database(args)
        self.sidecar = Sidecar(args, self.work)
        self.operator = Operator(args, self.sidecar.config)
        self.v1 = Version(1, args, self.sidecar, self.work)
        self.v2 = Version(2, args, self.sidecar, self.work)
        self.ledger = Ledger()
        self.traffic = []
        self.step_number = 0
        self.problems = []

    # ---------------------------------------------------------------------------------------------- reporting

    def step(self, title, deploy):
        self.step_number += 1
        say()
        say("== step %d: %s" % (self.step_number, title))
        say("   deploy:  " + deploy)

    def command(self, text, note=None):
        say("   command: " + text)
        if note:
            say("            (" + note + ")")

    def checks(self, text):
        say("   checks:  " + text)

    def serve_a_while(self):
        """Lets every running version complete more request cycles, then says what they did."""
        marks = [(t, t.cycles, len(t.failures)) for t in self.traffic]
        until = time.time() + 60
        while any(t.cycles < c + self.args.cycles_per_step for t, c, _ in marks):
            if time.time() > until:
                raise Setup("the traffic made no progress for 60 s")
            time.sleep(0.02)
        for t, c, f in marks:
            new_failures = t.failures[f:]
            say("   served:  v%d %d request cycles, %d failed%s" % (t.version.number, t.cycles - c,
                                                                   len(new_failures),
                                                                   "".join("\n            " + x
                                                                           for x in new_failures[:5])))

    def divergent(self):
        return int(self.db.psql("SELECT count(*) FROM %s WHERE full_name IS DISTINCT FROM display_name" % TABLE))

    def start_traffic(self, version):
        t = Traffic(version, self.ledger)
        t.start()
        self.traffic.append(t)

    # ---------------------------------------------------------------------------------------------- the steps

    def run(self):
        if self.db.psql("SELECT to_regclass('%s') IS NOT NULL" % TABLE) == "t":
            raise Setup("database %s already has a table %s: give the script an empty database"
                        % (self.args.database, TABLE))
        say("dualwrite Django sample: rename %s.full_name -> display_name and drop %s.phone_number" % (TABLE, TABLE))
        say("work directory (logs, dualwrite.yaml): " + self.work)

        self.step("version 1 in production, behind the sidecar", "v1")
        self.sidecar.write_config(None, False)
        self.command(Database.display(self.sidecar.start()), "dualwrite.yaml has no window yet")
        self.command(self.v1.manage("migrate", "--no-input")[0])
        self.command(self.v1.serve())
        self.start_traffic(self.v1)
        self.checks("table %s has: %s" % (TABLE, self.db.columns()))
        self.serve_a_while()

        self.step("declare the rename window in old-only", "none (configuration only)")
        self.command("dualwrite.yaml:\n" + indent(self.sidecar.write_config("old-only", False)))
        self.checks("the sidecar applied configuration version %d; v1's statements are unchanged"
                    % self.sidecar.config_version())
        self.serve_a_while()

        self.step("expand: version 2's migration 0002_expand, run by its deploy before its instances start",
                  "v2 build (playbook, both examples, deploy A: add the nullable field, make the old ones nullable)")
        self.command(self.v2.manage("migrate", "people", "0002_expand", "--no-input")[0],
                     "through the sidecar, like every statement of the application; DDL passes unchanged")
        self.checks("table %s has: %s" % (TABLE, self.db.columns()))
        self.serve_a_while()

        self.step("phase mirror, and the drop window on phone_number", "none (configuration only)")
        self.command("dualwrite.yaml:\n" + indent(self.sidecar.write_config("mirror", True)),
                     "replaces the playbook's save() override: every write of either name goes to both columns;"
                     " phone_number is no longer written and reads as NULL")
        self.checks("configuration version %d in force" % self.sidecar.config_version())
        self.serve_a_while()

        self.step("version 2 starts serving beside version 1", "v2 (rolling: v1 keeps serving)")
        self.command(self.v2.serve())
        self.start_traffic(self.v2)
        self.checks("v2 reads display_name of rows written before it existed (served from full_name in mirror)")
        self.serve_a_while()

        self.step("backfill: copy full_name into display_name for the rows written before mirror", "none")
        window = TABLE + ".full_name"
        r = self.operator.run("backfill", window)
        self.command(Database.display(r.args), "keyset batches on the primary key up to the highest id that existed"
                     " when it started, each batch one short transaction with its checkpoint (a rerun resumes)")
        self.checks(last_lines(r.stdout))
        if r.returncode != 0:
            self.problems.append("dualwrite backfill exited with %d: %s" % (r.returncode, last_lines(r.stdout + r.stderr)))
            return
        self.serve_a_while()

        self.step("verify: the two columns agree", "none")
        r = self.operator.run("verify", window)
        self.command(Database.display(r.args), "it replaces the playbook's trust; exit 1 when any row differs")
        self.checks(last_lines(r.stdout))
        differing = self.divergent()
        self.checks("%d rows differ (must be 0 before reads move)" % differing)
        if r.returncode != 0 or differing:
            self.problems.append("verify: exit %d, %d rows differ after the backfill" % (r.returncode, differing))
            return
        self.serve_a_while()

        self.step("phase read-new: reads move to display_name, writes still go to both", "none (configuration only)")
        self.command("dualwrite.yaml:\n" + indent(self.sidecar.write_config("read-new", True)))
        self.serve_a_while()
        differing = self.divergent()
        self.checks("configuration version %d in force; %d rows differ" % (self.sidecar.config_version(), differing))
        if differing:
            self.problems.append("%d rows differ in read-new" % differing)

        self.step("phase new-only: the old column is no longer written", "none (configuration only)")
        self.command("dualwrite.yaml:\n" + indent(self.sidecar.write_config("new-only", True)))
        before = self.sidecar.old_name_uses()
        self.serve_a_while()
        uses = self.sidecar.old_name_uses()
        self.checks("the old name full_name was used %d times so far, %d since new-only (dualwrite_window_name_uses_total"
                    " on /metrics). A rollout waits until that count stops growing, which replaces the playbook's"
                    " \"for a while\"; here v1 keeps serving on purpose, to show that the drop is safe even for"
                    " instances still running the old code" % (uses, uses - before))

        self.step("contract: version 2's migration 0003_contract drops full_name and phone_number",
                  "v2 follow-up deploy (playbook, both examples, deploy B)")
        self.command(self.v2.manage("migrate", "people", "0003_contract", "--no-input")[0],
                     "through the sidecar")
        self.checks("table %s has: %s" % (TABLE, self.db.columns()))
        self.serve_a_while()

    def finish(self):
        for t in self.traffic:
            t.stopping.set()
        for t in self.traffic:
            t.join(30)
        self.v1.stop()
        self.v2.stop()
        self.sidecar.stop()

    def outcome(self):
        say()
        say("== outcome")
        failed = [f for t in self.traffic for f in t.failures]
        for t in self.traffic:
            say("   v%d: %d request cycles, %d requests, %d failed" % (t.version.number, t.cycles, t.requests,
                                                                        len(t.failures)))
        rows = {}
        for line in self.db.psql("SELECT email, id, display_name FROM %s" % TABLE).splitlines():
            email, pid, name = line.split("|", 2)
            rows[email] = (int(pid), name)
        divergent = [e for e, expected in self.ledger.names.items() if rows.get(e) != expected]
        unexpected = [e for e in rows if e not in self.ledger.names]
        say("   rows: %d written by the two versions, %d in the table, %d not as last written%s"
            % (len(self.ledger.names), len(rows), len(divergent),
               "".join("\n            %s: table %r, written %r" % (e, rows.get(e), self.ledger.names[e])
                       for e in divergent[:5])))
        if unexpected:
            self.problems.append("%d rows in the table that no request wrote" % len(unexpected))
        for p in self.problems:
            say("   problem: " + p)
        for f in failed[:20]:
            say("   failed: " + f)
        say("failed_requests=%d" % len(failed))
        say("divergent_rows=%d" % len(divergent))
        say("requests_v1=%d" % sum(t.requests for t in self.traffic if t.version.number == 1))
        say("requests_v2=%d" % sum(t.requests for t in self.traffic if t.version.number == 2))
        clean = not failed and not divergent and not self.problems and len(self.traffic) == 2
        say("result=%s" % ("clean" if clean else "NOT CLEAN"))
        if not clean:
            for v in (self.v1, self.v2):
                say("--- last lines of v%d's log ---\n%s" % (v.number, tail(v.log_path)))
            say("--- last lines of the sidecar's log ---\n" + tail(self.sidecar.log.name))
        return clean


def indent(text):
    return "".join("              " + line + "\n" for line in text.splitlines()).rstrip("\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database", required=True, help="an existing, empty database")
    p.add_argument("--pg-host", default="127.0.0.1")
    p.add_argument("--pg-port", type=int, default=5432)
    p.add_argument("--pg-user", default="postgres",
                   help="the user of the application and of psql (a password comes from PGPASSWORD)")
    p.add_argument("--dualwrite", default=os.path.join(REPOSITORY, "cli", "bin", "dualwrite"),
                   help="the dualwrite executable, as a command line (default: %(default)s)")
    p.add_argument("--python", default=sys.executable, help="the Python that runs Django (default: this one)")
    p.add_argument("--cycles-per-step", type=int, default=5,
                   help="request cycles each serving version completes in each step")
    p.add_argument("--work-dir", help="where logs and dualwrite.yaml go (default: a new temporary directory)")
    args = p.parse_args()
    rollout = Rollout(args)
    try:
        try:
            rollout.run()
        finally:
            rollout.finish()
        sys.exit(0 if rollout.outcome() else 1)
    except Setup as e:
        say("dualwrite Django sample: " + str(e))
        sys.exit(2)


if __name__ == "__main__":
    main()
