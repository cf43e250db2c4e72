"""`make install PREFIX=…` installs the binary, the man page, the templates and the province lists,
and the installed binary, run from another folder with COOPREPORT_SHARE unset, finds its own
templates (not the source tree's) and writes the workbook. It reads only its share folder, which
`--version -v` names: with the checkout's templates/ and data/ moved away it still works, and
with its own template removed it fails rather than take the checkout's. DESTDIR stages the
same tree."""

import os
import re
import subprocess

from common import (BINARY, Checker, EXIT_OK, EXIT_USAGE, H1_CONFIG, ROOT, TempDir,
                    check_xlsx_file, load_workbook, require_binary)

MARK = "BÁO CÁO TỪ BẢN CÀI ĐẶT"


def make_install(prefix, destdir=None):
    command = ["make", "-s", "install", "PREFIX=" + prefix,
               "BUILD=" + os.environ.get("BUILD", "build")]
    if destdir:
        command.append("DESTDIR=" + destdir)
    return subprocess.run(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=600)


def check_tree(c, root, what):
    for relative in ["bin/coopreport", "share/man/man1/coopreport.1",
                     "share/coopreport/data/provinces-63.csv",
                     "share/coopreport/data/provinces-34.csv"]:
        c.check(os.path.isfile(os.path.join(root, relative)), "%s: %s installed" % (what, relative))
    c.check(os.access(os.path.join(root, "bin/coopreport"), os.X_OK), "%s: binary executable" % what)
    templates = os.path.join(root, "share/coopreport/templates")
    shipped = sorted(n for n in os.listdir(os.path.join(ROOT, "templates"))
                     if n.endswith(".ini") or n == "README.md")
    installed = sorted(os.listdir(templates)) if os.path.isdir(templates) else []
    c.equal(installed, shipped, "%s: templates installed" % what)


def installed_config(folder):
    """The H1 example with absolute inputs and the workbook beside the config."""
    with open(H1_CONFIG, encoding="utf-8") as f:
        text = f.read()
    data = os.path.join(os.path.dirname(H1_CONFIG), "data")
    text = re.sub(r"^(coops|groups)(\s*=\s*)data/", lambda m: m.group(1) + m.group(2) + data + "/",
                  text, flags=re.M)
    text = re.sub(r"^path\s*=.*$", "path = out/{province_code}-{year}-{period}.xlsx", text,
                  flags=re.M)
    path = os.path.join(folder, "h1.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def share_folder(binary, env):
    """The share folder `binary --version -v` names, or the whole output if none."""
    p = subprocess.run([binary, "--version", "-v"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120, env=env)
    out = p.stdout.decode("utf-8", "replace")
    found = re.search(r"^share folder: (.*)$", out, flags=re.M)
    return found.group(1) if found else out + p.stderr.decode("utf-8", "replace")


def summary_texts(path):
    workbook = load_workbook(path)
    sheet = workbook[workbook.sheetnames[0]]
    return [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]


def main():
    require_binary()
    c = Checker("install")
    with TempDir() as prefix, TempDir() as work, TempDir() as elsewhere, TempDir() as stage:
        result = make_install(prefix)
        if not c.equal(result.returncode, 0, "make install\n" + result.stdout.decode()[-2000:]):
            c.finish()
        check_tree(c, prefix, "PREFIX")

        # Mark the installed template: a workbook carrying the mark was laid out from the
        # installed copy, not from the source tree the binary also knows.
        template = os.path.join(prefix, "share/coopreport/templates/bao-cao-6-thang.ini")
        with open(template, encoding="utf-8") as f:
            text = f.read()
        marked = re.sub(r"^(line\.1\s*=\s*bold\s*\|\s*)BÁO CÁO\s*$", r"\g<1>" + MARK, text,
                        count=1, flags=re.M)
        c.check(marked != text, "the installed template has the title line to mark")
        with open(template, "w", encoding="utf-8") as f:
            f.write(marked)

        config = installed_config(work)
        env = dict(os.environ)
        env.pop("COOPREPORT_SHARE", None)
        p = subprocess.run([os.path.join(prefix, "bin/coopreport"), config], cwd=elsewhere,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=300, env=env)
        err = p.stderr.decode("utf-8", "replace")
        c.equal(p.returncode, EXIT_OK, "installed binary runs the H1 config\n" + err)
        xlsx = os.path.join(work, "out", "27-2024-H1.xlsx")
        if c.check(os.path.isfile(xlsx), "workbook written to %s\n%s" % (xlsx, err)):
            check_xlsx_file(c, xlsx, "installed run")
            c.check(any(MARK in t for t in summary_texts(xlsx)),
                    "the summary sheet was laid out from the installed template")
        c.check(not os.listdir(elsewhere), "nothing written in the working folder")

        installed = os.path.join(prefix, "bin/coopreport")
        share = os.path.realpath(os.path.join(prefix, "share/coopreport"))
        c.equal(share_folder(installed, env), share, "--version -v of the installed binary")
        c.equal(share_folder(BINARY, env), os.path.realpath(ROOT), "--version -v of the uninstalled build")

        # Its own province lists removed: an error, not the checkout's lists in their place
        # (the checkout itself is never touched: a test killed midway must not break it).
        lists = os.path.join(prefix, "share/coopreport/data")
        aside = lists + ".aside"
        os.rename(lists, aside)
        p = subprocess.run([installed, config], cwd=elsewhere, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300, env=env)
        os.rename(aside, lists)
        err = p.stderr.decode("utf-8", "replace")
        c.check(p.returncode != EXIT_OK, "installed binary without its province lists fails\n" + err)

        # Its own template removed: an error, not the checkout's template in its place.
        os.remove(template)
        p = subprocess.run([installed, config], cwd=elsewhere, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300, env=env)
        err = p.stderr.decode("utf-8", "replace")
        c.equal(p.returncode, EXIT_USAGE, "installed binary without its template\n" + err)
        c.check("bao-cao-6-thang" in err, "the error names the missing template: " + err)

        page = subprocess.run(["man", "-l", os.path.join(prefix, "share/man/man1/coopreport.1")],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60,
                              env=dict(env, MANPAGER="cat", PAGER="cat", MANWIDTH="80"))
        rendered = page.stdout.decode("utf-8", "replace")
        c.equal(page.returncode, 0, "man -l coopreport.1: %s" % page.stderr.decode()[-500:])
        for heading in ("SYNOPSIS", "FIRST FIVE MINUTES", "OPTIONS", "EXIT STATUS"):
            c.check(heading in rendered, "the man page renders its %s section" % heading)
        warnings = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z",
                                   os.path.join(ROOT, "coopreport.1")],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        c.equal(warnings.stderr.decode(), "", "groff warnings in coopreport.1")

        result = make_install("/opt/coopreport", destdir=stage)
        c.equal(result.returncode, 0, "make install DESTDIR=…")
        check_tree(c, os.path.join(stage, "opt/coopreport"), "DESTDIR")
        staged = os.path.join(stage, "opt/coopreport")
        c.equal(share_folder(os.path.join(staged, "bin/coopreport"), env),
                os.path.realpath(os.path.join(staged, "share/coopreport")),
                "--version -v of the staged binary names the staged share folder")
    c.finish()


if __name__ == "__main__":
    main()
