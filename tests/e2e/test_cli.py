"""The command line's own behaviour (SPEC §2, §3): --version, --help, usage errors, a missing
config file, and config typos that must name the nearest known key or section."""

import os
import re

from common import (Checker, EXIT_IO, EXIT_OK, EXIT_USAGE, H1_CONFIG, TEST_DATA, TempDir, files_in,
                    report, require_binary, run)

CLI_DATA = os.path.join(TEST_DATA, "cli")


def main():
    require_binary()
    c = Checker("cli")

    for option in ("--version", "-V"):
        r = run(option)
        c.equal(r.returncode, EXIT_OK, "%s exit status\n%s" % (option, r.describe()))
        c.check(re.search(r"\d+\.\d+", r.stdout), "%s prints no version number: %r" % (option, r.stdout))

    for option in ("--help", "-h"):
        r = run(option)
        c.equal(r.returncode, EXIT_OK, "%s exit status\n%s" % (option, r.describe()))
        for word in ("--output", "--province", "--check", "--keep-going", "--indicators"):
            c.check(word in r.stdout, "%s does not mention %s on stdout" % (option, word))

    for args, what in ((["--frobnicate", H1_CONFIG], "unknown option"),
                       ([], "no config argument"),
                       (["--indicators=xml", H1_CONFIG], "bad --indicators value"),
                       (["--jobs", "zero", H1_CONFIG], "bad --jobs value")):
        with TempDir() as out:
            r = run(*(args + ["-o", os.path.join(out, "x.xlsx")]))
            c.equal(r.returncode, EXIT_USAGE, "%s: exit status\n%s" % (what, r.describe()))
            c.check(r.stderr.strip(), "%s: nothing on stderr" % what)
            c.equal(files_in(out), [], "%s: files written" % what)
    r = run("--frobnicate", H1_CONFIG)
    c.check("frobnicate" in r.stderr, "unknown option: stderr does not name it: %r" % r.stderr[-300:])

    # A config file that does not exist: an I/O error (3), or a usage error (2), with its name.
    missing = os.path.join(CLI_DATA, "no-such-config.ini")
    with TempDir() as out:
        r, _ = report(missing, out)
        c.check(r.returncode in (EXIT_IO, EXIT_USAGE), "missing config: exit status %d, expected 3 "
                "(or 2)\n%s" % (r.returncode, r.describe()))
        c.check("no-such-config.ini" in r.stderr, "missing config: stderr does not name the file")
        c.equal(files_in(out), [], "missing config: files written")

    # Typos in the config name the nearest known key or section, and nothing is written.
    for name, typo, nearest, line in (("unknown-key.ini", "organisation", "organization", 9),
                                      ("unknown-section.ini", "plans", "plan", 24)):
        with TempDir() as out:
            r, _ = report(os.path.join(CLI_DATA, name), out)
            c.equal(r.returncode, EXIT_USAGE, "%s: exit status\n%s" % (name, r.describe()))
            c.check(typo in r.stderr, "%s: stderr does not name %r:\n%s" % (name, typo, r.stderr[-800:]))
            without_typo = r.stderr.replace(typo, "")
            c.check(re.search(r"\b%s\b" % nearest, without_typo),
                    "%s: stderr does not suggest %r:\n%s" % (name, nearest, r.stderr[-800:]))
            c.check(name in r.stderr, "%s: stderr does not name the config file" % name)
            if "%s:%d" % (name, line) not in r.stderr:
                print("note: %s: the message does not give the line (%s:%d)" % (name, name, line))
            c.equal(files_in(out), [], "%s: files written" % name)
    c.finish()


if __name__ == "__main__":
    main()
