"""The same inputs give a byte-identical workbook (SPEC §6), wherever it is written."""

import hashlib

from common import Checker, EXIT_OK, FY_CONFIG, H1_CONFIG, TempDir, report, require_binary


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    require_binary()
    c = Checker("reproducible")
    for config in (H1_CONFIG, FY_CONFIG):
        digests = []
        for name in ("a.xlsx", "b.xlsx"):
            with TempDir() as out:
                result, path = report(config, out, name=name)
                if c.equal(result.returncode, EXIT_OK, "exit status\n" + result.describe()):
                    digests.append(digest(path))
        if len(digests) == 2:
            c.equal(digests[1], digests[0], "%s: sha256 of a second run" % config)
    c.finish()


if __name__ == "__main__":
    main()
