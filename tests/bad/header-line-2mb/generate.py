#!/usr/bin/python3
"""Writes this case's large input into the current folder (not kept in git)."""
with open("coops.csv", "w") as f:
    f.write("x" * (2 << 20) + "\nHTX001\n")
