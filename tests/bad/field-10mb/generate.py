#!/usr/bin/python3
"""Writes this case's large input into the current folder (not kept in git)."""
H = 'id,name,district,sector,founded,dissolved,members,workers,revenue,profit,income\n'
G = 'HTX001,HTX Nông nghiệp Lạc Vệ,Tiên Du,Nông nghiệp,12/03/1998,,25,6,850.5,40.2,60\nHTX002,HTX Thương mại Phật Tích,Tiên Du,TM,05/09/2015,,12,4,300,10,55\n'
with open("coops.csv", "w", encoding="utf-8") as f:
    f.write(H + G + "HTX003,\"" + "x" * (10 << 20) + "\",D,TM,01/01/2000,,1,1,1,1,1\n")
