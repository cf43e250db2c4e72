#!/usr/bin/python3
"""Where a batch run's instructions go, counted by callgrind (repeatable whatever the load).

    /usr/bin/python3 bench/profile.py [--coopreport build/coopreport] [--size 100000]
                                      [--work build/bench] [--top 25]

Runs `coopreport national.ini -p all -j1` on the cached registry of --size cooperatives (make
bench generates it) twice under valgrind --tool=callgrind: once for the parent alone (reading
and splitting the inputs, the national summary), once for the workers alone (every worker's
report_province: reading its part, indicators, the workbook). Prints the instruction counts of
both and the functions with the largest self cost summed over every process.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LINE = re.compile(r"^\s*([\d,]+)\s+\([\s\d.]+%\)\s+(.*?)(?:\s+\[(.*)\])?$")


def annotate(path, inclusive=False):
    """function -> cost, from callgrind_annotate."""
    output = subprocess.run(["callgrind_annotate", "--inclusive=" + ("yes" if inclusive else "no"),
                             "--threshold=100", path], capture_output=True, text=True).stdout
    costs, total = {}, 0
    in_table = False
    for line in output.splitlines():
        if "PROGRAM TOTALS" in line:
            first = line.split()[0].replace(",", "")
            total = int(first) if first.isdigit() else 0
            continue
        if line.startswith("Ir") and "file:function" in line:
            in_table = True
            continue
        if in_table:
            match = LINE.match(line)
            if not match:
                if line.startswith("---") or not line.strip():
                    if costs:
                        break
                    continue
                break
            name = match.group(2)
            if name.startswith("???") and match.group(3):
                name = "%s [%s]" % (name, os.path.basename(match.group(3)))
            name = re.sub(r"^.*/(src|libio|string|malloc|stdio-common|stdlib)/", r"\1/", name)
            costs[name] = costs.get(name, 0) + int(match.group(1).replace(",", ""))
    return total, costs


def run(binary, folder, out_folder, extra):
    shutil.rmtree(out_folder, ignore_errors=True)
    os.makedirs(out_folder)
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=%s/cg.%%p" % out_folder] + extra +
                   [binary, "national.ini", "-p", "all", "-j1", "-q"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return sorted(glob.glob(os.path.join(out_folder, "cg.*")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coopreport", default=os.path.join(ROOT, "build", "coopreport"))
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench"))
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    folder = os.path.join(args.work, "n%d" % args.size)
    if not os.path.exists(os.path.join(folder, "national.ini")):
        sys.exit("profile: no registry in %s (run make bench, or bench/run.py --sizes %d)" % (folder, args.size))
    binary = os.path.abspath(args.coopreport)
    parent_files = run(binary, folder, os.path.join(args.work, "callgrind-parent"), [])
    worker_files = run(binary, folder, os.path.join(args.work, "callgrind-workers"),
                       ["--trace-children=yes", "--collect-atstart=no", "--toggle-collect=report_province"])
    parent_total, parent_costs = annotate(parent_files[0])
    workers_total, combined = 0, dict(parent_costs)
    for path in worker_files:
        total, costs = annotate(path)
        workers_total += total
        for name, cost in costs.items():
            combined[name] = combined.get(name, 0) + cost
    grand = parent_total + workers_total
    print("instructions: parent %s + workers %s = %s" % ("{:,}".format(parent_total),
                                                         "{:,}".format(workers_total), "{:,}".format(grand)))
    print("%15s  %6s  %s" % ("self Ir", "%", "function"))
    for name, cost in sorted(combined.items(), key=lambda item: -item[1])[:args.top]:
        print("%15s  %5.1f%%  %s" % ("{:,}".format(cost), 100.0 * cost / grand, name))


if __name__ == "__main__":
    main()
