#!/usr/bin/python3
"""The benchmark of issue 6: coopreport's batch against the pandas peer and the libxlsxwriter floor.

    /usr/bin/python3 bench/run.py [--sizes 10000,100000,1000000] [--runs 3] [--large-runs 1]
                                  [--peer-max 100000] [--coopreport build/coopreport]
                                  [--floor build/bench/floor] [--work build/bench]

What `make bench` runs. For each size N it

  1. generates (once, cached in WORK/nN/, regenerated when the generator changes) a national
     registry of N cooperatives and about 22 % as many groups with tests/tools/generate_national.py;
  2. runs `coopreport national.ini -p all` at -j1 and -j2, the pandas peer (bench/peer_pandas.py,
     sizes up to --peer-max) and the floor (bench/floor: the same workbooks, sheets, rows and
     text/number cells as coopreport wrote, with libxlsxwriter and nothing else), each --runs
     times (--large-runs times from 1 000 000), alternating the programs so that a change in the
     machine's load hits them alike;
  3. reports the median wall time, CPU time (user + system of the process and every worker,
     from os.wait4), rows/s (cooperatives + groups read per wall second) and peak RSS (ru_maxrss
     of the command run under /usr/bin/time: the largest single process, parent or worker), and
     the ratios taken from the same run.

It also times one province of about 1 000 cooperatives on its own (`-p CODE`, a registry holding
only that province, cut from the 100 000 one) and, in one extra untimed run per size at -j2,
samples /proc/PID/status (VmHWM) to report the parent's and the largest worker's peak RSS
separately. Prints a table and writes WORK/results.csv.
"""

import argparse
import csv
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERATOR = os.path.join(ROOT, "tests", "tools", "generate_national.py")
PEER = os.path.join(HERE, "peer_pandas.py")
PYTHON = "/usr/bin/python3"
MIB = 1024 * 1024


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- datasets ------------------------------------------------------------------------------

def generator_stamp(size):
    with open(GENERATOR, "rb") as f:
        return "%s %d" % (hashlib.sha256(f.read()).hexdigest(), size)


def dataset(work, size):
    """WORK/nSIZE with htx.csv, tht.csv, national.ini; generated once per generator version."""
    folder = os.path.join(work, "n%d" % size)
    stamp_path = os.path.join(folder, ".stamp")
    stamp = generator_stamp(size)
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return folder
    log("generating %d cooperatives in %s" % (size, folder))
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([PYTHON, GENERATOR, "--coops", str(size), "--out", folder], check=True,
                   stdout=subprocess.DEVNULL)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return folder


def count_rows(folder):
    rows = 0
    for name in ("htx.csv", "tht.csv"):
        with open(os.path.join(folder, name), "rb") as f:
            rows += sum(1 for _ in f) - 1
    return rows


def one_province(work, source):
    """A registry holding only the province closest to 1 000 cooperatives, cut from `source`."""
    folder = os.path.join(work, "one-province")
    stamp = open(os.path.join(source, ".stamp")).read()
    stamp_path = os.path.join(folder, ".stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return folder, open(os.path.join(folder, "code")).read()
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(source, "htx.csv"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        column = header.index("province")
        counts = {}
        for row in reader:
            counts[row[column]] = counts.get(row[column], 0) + 1
    code = min(counts, key=lambda c: (abs(counts[c] - 1000), c))
    for name in ("htx.csv", "tht.csv"):
        with open(os.path.join(source, name), encoding="utf-8", newline="") as f, \
                open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as out:
            reader, writer = csv.reader(f), csv.writer(out, lineterminator="\n")
            header = next(reader)
            writer.writerow(header)
            column = header.index("province")
            writer.writerows(row for row in reader if row[column] == code)
    with open(os.path.join(source, "national.ini"), encoding="utf-8") as f:
        config = f.read()
    config = re.sub(r"(?m)^province\s*=.*$", "province     = %s" % code, config)
    config = re.sub(r"(?m)^summary\s*=.*\n", "", config)
    with open(os.path.join(folder, "national.ini"), "w", encoding="utf-8") as f:
        f.write(config)
    with open(os.path.join(folder, "code"), "w") as f:
        f.write(code)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return folder, code


# --- running ---------------------------------------------------------------------------------

def timed(command, cwd):
    """Runs command; returns (wall s, cpu s of it and its descendants, peak RSS MiB).

    The command runs under /usr/bin/time, which forks and execs it and reports its ru_maxrss:
    Linux keeps a process's high-water RSS across exec, so a command forked straight from this
    (large) Python process would report Python's size whenever it is the larger."""
    started = time.monotonic()
    with open(os.devnull, "wb") as null, tempfile.NamedTemporaryFile("r") as report:
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", report.name] + command, cwd=cwd,
                                   stdout=null, stderr=subprocess.PIPE)
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        lines = report.read().split()
    if process.returncode != 0:
        raise SystemExit("bench: %s failed (%d):\n%s" % (" ".join(command), process.returncode,
                                                         stderr.decode(errors="replace")[-2000:]))
    # wait4 sums the CPU time of the process and its waited-for descendants; /usr/bin/time's %M is
    # the ru_maxrss of the command, the largest of its processes (KiB on Linux).
    return wall, usage.ru_utime + usage.ru_stime, int(lines[-1]) / 1024.0


def vm_hwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def children_of(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def sampled_memory(command, cwd):
    """(parent peak MiB, largest worker peak MiB), sampling /proc every 5 ms (untimed run)."""
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(command, cwd=cwd, stdout=null, stderr=null)
        parent, worker = 0.0, 0.0
        while process.poll() is None:
            parent = max(parent, vm_hwm(process.pid) or 0.0)
            for child in children_of(process.pid):
                worker = max(worker, vm_hwm(child) or 0.0)
            time.sleep(0.005)
    return parent, worker


def clean(folder):
    shutil.rmtree(folder, ignore_errors=True)


def coopreport_command(args, folder, jobs, out):
    return [os.path.abspath(args.coopreport), "national.ini", "-p", "all", "-j", str(jobs), "-q",
            "-o", os.path.join(out, "{province_code}.xlsx")]


# --- the floor's shape ------------------------------------------------------------------------

def write_shape(out, shape_path):
    """Reads every workbook coopreport wrote in `out` and lists, per sheet, its rows and its text
    and number cells (formulas and blanks count as numbers), and whether it was streamed
    (inline strings: libxlsxwriter's constant_memory mode)."""
    lines = []
    for name in sorted(os.listdir(out)):
        if not name.endswith(".xlsx"):
            continue
        lines.append("W %s" % name)
        with zipfile.ZipFile(os.path.join(out, name)) as archive:
            sheets = sorted((n for n in archive.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)),
                            key=lambda n: int(re.search(r"(\d+)", n.rsplit("/", 1)[1]).group(1)))
            for sheet in sheets:
                data = archive.read(sheet)
                rows = data.count(b"<row ")
                cells = data.count(b"<c ")
                inline = data.count(b't="inlineStr"')
                strings = data.count(b't="s"') + inline
                per_row_strings = round(strings / rows) if rows else 0
                per_row_numbers = round((cells - strings) / rows) if rows else 0
                lines.append("S %d %d %d %d" % (rows, per_row_strings, per_row_numbers, 1 if inline else 0))
    with open(shape_path, "w") as f:
        f.write("\n".join(lines) + "\n")


# --- the table ------------------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=1, help="runs from 1 000 000 cooperatives")
    parser.add_argument("--peer-max", type=int, default=100000, help="largest size the peer runs at")
    parser.add_argument("--coopreport", default=os.path.join(ROOT, "build", "coopreport"))
    parser.add_argument("--floor", default=os.path.join(ROOT, "build", "bench", "floor"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench"))
    args = parser.parse_args()
    args.work = os.path.abspath(args.work)
    sizes = [int(s) for s in args.sizes.split(",")]
    os.makedirs(args.work, exist_ok=True)
    results = []   # dicts: size, program, jobs, wall, cpu, rows_per_s, rss, runs

    for size in sizes:
        folder = dataset(args.work, size)
        rows = count_rows(folder)
        runs = args.runs if size < 1000000 else args.large_runs
        out = os.path.join(folder, "bench-out")
        programs = [("coopreport", 1), ("coopreport", 2)]
        if size <= args.peer_max:
            programs.append(("peer_pandas", 1))
        programs.append(("floor", 1))
        measured = {p: [] for p in programs}
        shape = os.path.join(folder, "floor-shape.txt")
        for run in range(runs):
            for program, jobs in programs:
                clean(out)
                os.makedirs(out)
                if program == "coopreport":
                    command = coopreport_command(args, folder, jobs, out)
                elif program == "peer_pandas":
                    command = [PYTHON, PEER, "national.ini", out]
                else:
                    command = [os.path.abspath(args.floor), shape, out]
                log("N=%d run %d/%d: %s -j%d" % (size, run + 1, runs, program, jobs))
                measured[(program, jobs)].append(timed(command, folder))
                if program == "coopreport" and jobs == 1 and run == 0:
                    write_shape(out, shape)
        clean(out)
        os.makedirs(out)
        parent, worker = sampled_memory(coopreport_command(args, folder, 2, out), folder)
        clean(out)
        for (program, jobs), values in measured.items():
            wall = median([v[0] for v in values])
            cpu = median([v[1] for v in values])
            results.append({
                "size": size, "program": program, "jobs": jobs, "runs": len(values),
                "wall_s": wall, "cpu_s": cpu, "rows_per_s": rows / wall,
                "peak_rss_mib": max(v[2] for v in values),
                "parent_rss_mib": parent if program == "coopreport" else None,
                "worker_rss_mib": worker if program == "coopreport" else None,
            })

    # One province of about 1 000 cooperatives, on its own.
    one = None
    if 100000 in sizes:
        folder, code = one_province(args.work, dataset(args.work, 100000))
        rows = count_rows(folder)
        out = os.path.join(folder, "bench-out")
        values = []
        for _ in range(max(5, args.runs)):
            clean(out)
            os.makedirs(out)
            values.append(timed([os.path.abspath(args.coopreport), "national.ini", "-p", code, "-q",
                                 "-o", os.path.join(out, "one.xlsx")], folder))
        clean(out)
        one = {"size": rows, "program": "coopreport -p %s (one province)" % code, "jobs": 1,
               "runs": len(values), "wall_s": median([v[0] for v in values]),
               "cpu_s": median([v[1] for v in values]),
               "rows_per_s": rows / median([v[0] for v in values]),
               "peak_rss_mib": max(v[2] for v in values), "parent_rss_mib": None, "worker_rss_mib": None}
        results.append(one)

    # Ratios, within one size (so within one run of the benchmark).
    def find(size, program, jobs):
        for r in results:
            if r["size"] == size and r["program"] == program and r["jobs"] == jobs:
                return r
        return None

    for r in results:
        peer, floor = find(r["size"], "peer_pandas", 1), find(r["size"], "floor", 1)
        r["peer_wall_ratio"] = peer["wall_s"] / r["wall_s"] if peer and r["program"] == "coopreport" else None
        r["floor_cpu_ratio"] = r["cpu_s"] / floor["cpu_s"] if floor and r["program"] == "coopreport" else None
        r["floor_wall_ratio"] = r["wall_s"] / floor["wall_s"] if floor and r["program"] == "coopreport" else None

    fields = ["size", "program", "jobs", "runs", "wall_s", "cpu_s", "rows_per_s", "peak_rss_mib",
              "parent_rss_mib", "worker_rss_mib", "peer_wall_ratio", "floor_cpu_ratio", "floor_wall_ratio"]
    path = os.path.join(args.work, "results.csv")
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for r in results:
            writer.writerow({k: ("%.4g" % v if isinstance(v, float) else v) for k, v in r.items()})

    def fmt(value, pattern):
        return pattern % value if value is not None else "-"

    print("| coops | program | -j | runs | wall s | CPU s | rows/s | peak RSS MiB | parent / worker MiB "
          "| peer ÷ this (wall) | this ÷ floor (CPU) | this ÷ floor (wall) |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        split = ("%.0f / %.0f" % (r["parent_rss_mib"], r["worker_rss_mib"])
                 if r["parent_rss_mib"] is not None else "-")
        print("| %s | %s | %d | %d | %.3f | %.3f | %s | %.1f | %s | %s | %s | %s |" % (
            "{:,}".format(r["size"]).replace(",", " "), r["program"], r["jobs"], r["runs"], r["wall_s"],
            r["cpu_s"], "{:,.0f}".format(r["rows_per_s"]).replace(",", " "), r["peak_rss_mib"], split,
            fmt(r["peer_wall_ratio"], "%.1f×"), fmt(r["floor_cpu_ratio"], "%.2f×"),
            fmt(r["floor_wall_ratio"], "%.2f×")))
    try:
        load = open("/proc/loadavg").read().split()[:3]
    except OSError:
        load = ["?"]
    print("\n(%d CPUs, load average at the end %s; rows = cooperatives + groups; written to %s)"
          % (os.cpu_count() or 0, " ".join(load), os.path.relpath(path, ROOT)))


if __name__ == "__main__":
    main()
