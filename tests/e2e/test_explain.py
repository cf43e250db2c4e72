"""--explain KEY and --list-indicators: every key the H1 and FY examples compute is explained with
the label and unit the report prints; an unknown key exits 2 naming the nearest; no config needed."""

import re

from common import (Checker, EXIT_OK, EXIT_USAGE, FY_CONFIG, H1_CONFIG, TempDir,
                    parse_indicators_csv, report, require_binary, run)


def label_pattern(label):
    """The definition's label as a regex: {sector} stands for any sector label."""
    return "^" + re.escape(label).replace(re.escape("{sector}"), ".+") + "$"


def main():
    require_binary()
    c = Checker("explain")
    listing = run("--list-indicators")
    c.equal(listing.returncode, EXIT_OK, "--list-indicators exit status")
    for pattern in ("coops.total", "coops.sector.CODE", "coops.sector.CODE.share",
                    "coops.income.avg", "groups.profit.avg", "KEY.plan_pct", "KEY.prev"):
        c.check(re.search(r"^%s\s" % re.escape(pattern), listing.stdout, re.M),
                "--list-indicators shows %s" % pattern)

    keys = {}
    for config in (H1_CONFIG, FY_CONFIG):
        with TempDir() as out:
            result, _ = report(config, out, "--indicators=csv")
            c.equal(result.returncode, EXIT_OK, "%s runs" % config)
            keys.update(parse_indicators_csv(result.stdout))
    c.check(len(keys) > 80, "indicator keys of both examples: %d" % len(keys))
    for key, row in keys.items():
        result = run("--explain", key)
        if not c.equal(result.returncode, EXIT_OK, "--explain %s\n%s" % (key, result.describe())):
            continue
        lines = dict(re.findall(r"^  (label|unit|definition):\s+(.*)$", result.stdout, re.M))
        c.equal(lines.get("unit"), row["unit"], "--explain %s: unit" % key)
        c.check(re.match(label_pattern(lines.get("label", "")), row["label"]),
                "--explain %s: label %r is the report's %r" % (key, lines.get("label"),
                                                                row["label"]))
        c.check(len(lines.get("definition", "")) > 20, "--explain %s: a definition" % key)

    result = run("--explain", "coops.totl")
    c.equal(result.returncode, EXIT_USAGE, "unknown key: exit status")
    c.check("did you mean 'coops.total'" in result.stderr, "unknown key names the nearest: %r"
            % result.stderr)
    result = run("--explain", "coops.sector.Nong-nghiep")
    c.equal(result.returncode, EXIT_USAGE, "a code with capitals is no key")
    c.finish()


if __name__ == "__main__":
    main()
