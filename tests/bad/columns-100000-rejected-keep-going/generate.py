#!/usr/bin/python3
"""Writes this case's large input into the current folder (not kept in git)."""
extra = ["c" + str(i) for i in range(100000 - 11)]
H = 'id,name,district,sector,founded,dissolved,members,workers,revenue,profit,income\n'
rows = ['HTX001,HTX Nông nghiệp Lạc Vệ,Tiên Du,Nông nghiệp,12/03/1998,,25,6,850.5,40.2,60\n', 'HTX003,HTX Dịch vụ Hoàn Sơn,Tiên Du,TM,31/02/2024,,1,1,1,1,1\n']
with open("coops.csv", "w", encoding="utf-8") as f:
    f.write(H.rstrip("\n") + "," + ",".join(extra) + "\n")
    for r in rows:
        f.write(r.rstrip("\n") + "," + ",".join("x" for _ in extra) + "\n")
