#!/usr/bin/python3
"""Writes this case's large input into the current folder (not kept in git)."""
text = open("case.ini", encoding="utf-8").read()
text = text.replace("provinces    = 63", "provinces    = 63\norganization = " + "Liên minh " * 100000)
open("case.ini", "w", encoding="utf-8").write(text)
