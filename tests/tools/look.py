#!/usr/bin/env python3
"""`make look`: writes the layout check's workbooks (tests/tools/layout_workbooks.py) and prints
them as an office would, through LibreOffice, to PDF and to PNG pages for a person to look at:

    look.py --binary build/coopreport --out build/look [NAME ...]

    build/look/NAME/NAME.xlsx   the workbook
    build/look/NAME/NAME.pdf    every sheet's print area, LibreOffice's print (soffice --headless)
    build/look/NAME/page-NN.png its pages at 80 dpi (pdftoppm, Debian poppler-utils)

LibreOffice runs with a private profile under OUT, so that runs in parallel do not share one.
The fonts must be the metric twins of the workbook's (Carlito for Calibri, Liberation Serif for
Times New Roman): without them the pages show another font's widths, and the check does not
match what is seen. Ends by listing the files written (the pages as the first … last).
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import layout_workbooks  # noqa: E402

REQUIRED_FONTS = {"Calibri": "Carlito", "Times New Roman": "Liberation Serif"}


def check_fonts():
    """The renderer must substitute the metric twins; say which package is missing otherwise."""
    for name, twin in REQUIRED_FONTS.items():
        family = subprocess.run(["fc-match", "-f", "%{family}", name], stdout=subprocess.PIPE,
                                check=False).stdout.decode()
        if twin not in family:
            raise SystemExit("look: %s is rendered as %r, not %s: install fonts-crosextra-carlito "
                             "and fonts-liberation2 (make deps)" % (name, family, twin))


def to_pdf(books, out_dir):
    """All workbooks through one LibreOffice start; returns {name: pdf path}."""
    profile = tempfile.mkdtemp(prefix="lo-profile-", dir=out_dir)
    staging = tempfile.mkdtemp(prefix="pdf-", dir=out_dir)
    try:
        command = ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", staging] + [path for _, path in books]
        process = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, timeout=300)
        out = {}
        for name, path in books:
            made = os.path.join(staging, os.path.splitext(os.path.basename(path))[0] + ".pdf")
            if not os.path.isfile(made):
                raise SystemExit("look: LibreOffice wrote no PDF for %s (exit %d):\n%s"
                                 % (path, process.returncode, process.stdout.decode("utf-8", "replace")))
            out[name] = os.path.join(os.path.dirname(path), name + ".pdf")
            os.replace(made, out[name])
        return out
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def to_png(pdfs):
    """Pages of every PDF, two pdftoppm at a time."""
    running = []
    for name, pdf in pdfs.items():
        folder = os.path.dirname(pdf)
        for old in glob.glob(os.path.join(folder, "page-*.png")):
            os.remove(old)
        running.append(subprocess.Popen(["pdftoppm", "-r", "80", "-png", pdf, os.path.join(folder, "page")]))
        if len(running) >= 2:
            running.pop(0).wait()
    for process in running:
        process.wait()
        if process.returncode != 0:
            raise SystemExit("look: pdftoppm failed (exit %d)" % process.returncode)


# One page of each sheet kind, for the README: (file under docs/sheets/,
# workbook, a text that the first page of that sheet kind holds).
DOCS_PAGES = [
    ("summary.png", "h1", "BÁO CÁO"),
    ("sector.png", "h1", "Tên hợp tác xã"),
    ("target.png", "h1", "Kết quả thực hiện"),
    ("groups.png", "h1", "Tên tổ hợp tác"),
    ("changes.png", "h1", "Biến động"),
    ("indicators.png", "h1", "coops.sector.nong_nghiep.share"),
    ("by-sector.png", "h1", "Cơ cấu"),
    ("rejected-rows.png", "keep-going", "Lý do"),
    ("national.png", "national", "TOÀN QUỐC"),
    ("national-chart.png", "stress-national", "Số HTX theo tỉnh"),
    ("summary-en.png", "annual-en", "REPORT"),
]


def page_text(pdf, number):
    result = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", pdf, "-"],
                            stdout=subprocess.PIPE, check=True)
    return " ".join(result.stdout.decode("utf-8", "replace").split())


def copy_docs_pages(out_dir, docs_dir):
    """Copies the first page of each sheet kind to docs_dir; returns the paths."""
    os.makedirs(docs_dir, exist_ok=True)
    written = []
    for file_name, book, marker in DOCS_PAGES:
        folder = os.path.join(out_dir, book)
        pages = sorted(glob.glob(os.path.join(folder, "page-*.png")))
        pdf = os.path.join(folder, book + ".pdf")
        for number, page in enumerate(pages, start=1):
            if " ".join(marker.split()) in page_text(pdf, number):
                target = os.path.join(docs_dir, file_name)
                shutil.copyfile(page, target)
                written.append("%s (%s, page %d)" % (os.path.relpath(target), book, number))
                break
        else:
            raise SystemExit("look: no page of %s holds '%s'" % (book, marker))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(layout_workbooks.ROOT, "build", "coopreport"))
    parser.add_argument("--out", default=os.path.join(layout_workbooks.ROOT, "build", "look"))
    parser.add_argument("--docs", metavar="DIR",
                        help="also copy one page of each sheet kind to DIR (docs/sheets for the README)")
    parser.add_argument("names", nargs="*", help="workbooks (default: all): " + ", ".join(layout_workbooks.NAMES))
    args = parser.parse_args(argv)
    check_fonts()
    start = time.monotonic()
    out_dir = os.path.abspath(args.out)
    books = []
    try:
        for name in args.names or layout_workbooks.NAMES:
            folder = os.path.join(out_dir, name)
            shutil.rmtree(folder, ignore_errors=True)
            books += layout_workbooks.build(args.binary, folder, [name])
    except layout_workbooks.BuildError as error:
        print("look: %s" % error, file=sys.stderr)
        return 1
    to_png(to_pdf(books, out_dir))
    written = 0
    for name, path in books:
        folder = os.path.dirname(path)
        pages = sorted(glob.glob(os.path.join(folder, "page-*.png")))
        print(os.path.relpath(path))
        print(os.path.relpath(os.path.join(folder, name + ".pdf")))
        if pages:
            print("%s … %s (%d pages)" % (os.path.relpath(pages[0]), os.path.basename(pages[-1]), len(pages)))
        written += 2 + len(pages)
    if args.docs:
        for line in copy_docs_pages(out_dir, args.docs):
            print(line)
    print("look: %d files under %s in %.0f s" % (written, os.path.relpath(out_dir), time.monotonic() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
