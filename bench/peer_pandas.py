#!/usr/bin/python3
"""The peer: coopreport's batch job as an analyst would write it with pandas and XlsxWriter.

    /usr/bin/python3 bench/peer_pandas.py CONFIG.ini OUTPUT_FOLDER

Reads the config's coops and groups CSV files (a national registry made by
tests/tools/generate_national.py), computes each province's key indicators (SPEC §5: HTX
operating at the period end, by sector, new, dissolved, members, workers, average revenue,
profit and income, market access, THT…) and writes, per province, a workbook with the same
sheets and roughly the same cells as coopreport's: a summary sheet, one sheet per sector
listing its operating units, the groups, the changes (dissolved, founded after the period) and
the indicators; then a national summary with one row per province. Debian's python3-pandas
and python3-xlsxwriter; no validation beyond what pandas does while parsing.
"""

import configparser
import os
import sys
import unicodedata

import pandas as pd

TRUE = {"1", "x", "có", "yes", "true"}


def key(text):
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


def read_config(path):
    parser = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    folder = os.path.dirname(os.path.abspath(path))
    sectors = []
    for code, label in parser["sectors"].items():
        section = parser["sector." + code] if parser.has_section("sector." + code) else {}
        aliases = [a.strip() for a in section.get("aliases", "").split(",") if a.strip()]
        sectors.append((code, label, section.get("sheet", label)[:31], aliases))
    year = int(parser["report"]["year"])
    last = pd.Timestamp(year, 6, 30) if parser["report"]["period"] == "H1" else pd.Timestamp(year, 12, 31)
    return {
        "coops": os.path.join(folder, parser["input"]["coops"]),
        "groups": os.path.join(folder, parser["input"]["groups"]),
        "sectors": sectors,
        "first": pd.Timestamp(year, 1, 1),
        "last": last,
    }


def load(path, sectors):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    lookup = {}
    for code, label, _, aliases in sectors:
        for name in [code, label] + aliases:
            lookup[key(name)] = code
    frame["sector_code"] = frame["sector"].map(lambda s: lookup.get(key(s)))
    for column in ("founded", "dissolved"):
        frame[column] = pd.to_datetime(frame[column], format="%d/%m/%Y", errors="coerce")
    for column in ("members", "workers", "revenue", "profit", "income"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    for column in ("market_access", "value_chain", "high_tech", "alliance_member"):
        if column in frame:
            frame[column] = frame[column].str.strip().str.casefold().isin(TRUE)
    if "kind" not in frame:
        frame["kind"] = "THT"
    frame["kind"] = frame["kind"].replace("", "HTX")
    return frame


def indicators(coops, groups, config):
    first, last = config["first"], config["last"]
    operating = coops[(coops.founded <= last) & (coops.dissolved.isna() | (coops.dissolved > last))]
    htx = operating[operating.kind == "HTX"]
    new = coops[(coops.kind == "HTX") & (coops.founded >= first) & (coops.founded <= last)]
    income = htx.dropna(subset=["income", "workers"])
    groups_operating = groups[(groups.founded <= last) &
                              (groups.dissolved.isna() | (groups.dissolved > last))]
    figures = [
        ("coops.total", "Tổng số hợp tác xã", "HTX", len(htx)),
    ]
    for code, label, _, _ in config["sectors"]:
        figures.append(("coops.sector." + code, "- " + label, "HTX", int((htx.sector_code == code).sum())))
    figures += [
        ("coops.new", "Số HTX thành lập mới", "HTX", len(new)),
        ("coops.dissolved", "Số HTX giải thể", "HTX",
         int(((coops.kind == "HTX") & (coops.dissolved >= first) & (coops.dissolved <= last)).sum())),
        ("unions.total", "Số liên hiệp HTX", "LH", int((operating.kind == "LHHTX").sum())),
        ("coops.members", "Tổng số thành viên HTX", "Người", float(htx.members.sum())),
        ("coops.workers", "Tổng số lao động", "Người", float(htx.workers.sum())),
        ("coops.revenue.avg", "Doanh thu bình quân 1 HTX", "Triệu đồng", htx.revenue.mean()),
        ("coops.profit.avg", "Lợi nhuận bình quân 1 HTX", "Triệu đồng", htx.profit.mean()),
        ("coops.income.avg", "Thu nhập bình quân", "Triệu đồng/người/năm",
         (income.income * income.workers).sum() / income.workers.sum() if income.workers.sum() else None),
        ("coops.market_access.pct", "Tỷ lệ HTX tiếp cận thị trường", "%",
         100.0 * htx.market_access.sum() / len(htx) if len(htx) else None),
        ("coops.value_chain", "Số HTX liên kết chuỗi giá trị", "HTX", int(htx.value_chain.sum())),
        ("coops.high_tech", "Số HTX ứng dụng công nghệ cao", "HTX", int(htx.high_tech.sum())),
        ("coops.alliance_members", "Số HTX thành viên Liên minh", "HTX", int(htx.alliance_member.sum())),
        ("groups.total", "Tổng số tổ hợp tác", "THT", len(groups_operating)),
        ("groups.new", "Số THT thành lập mới", "THT",
         int(((groups.founded >= first) & (groups.founded <= last)).sum())),
        ("groups.members", "Tổng số thành viên THT", "Người", float(groups_operating.members.sum())),
        ("groups.revenue.avg", "Doanh thu bình quân 1 THT", "Triệu đồng", groups_operating.revenue.mean()),
        ("groups.profit.avg", "Lợi nhuận bình quân 1 THT", "Triệu đồng", groups_operating.profit.mean()),
    ]
    return pd.DataFrame(figures, columns=["Mã chỉ số", "Chỉ tiêu", "Đơn vị tính", "Thực hiện"]), operating, \
        groups_operating


def flags(frame, first, last):
    parts = pd.Series("", index=frame.index)
    for column, word in (("market_access", "Tiếp cận thị trường"), ("value_chain", "Liên kết chuỗi giá trị"),
                         ("high_tech", "Ứng dụng công nghệ cao"), ("alliance_member", "Thành viên Liên minh")):
        parts = parts.where(~frame[column], parts + word + "; ")
    new = (frame.founded >= first) & (frame.founded <= last)
    return parts.where(~new, parts + "Thành lập mới trong kỳ").str.rstrip("; ")


def write_province(path, coops, groups, config):
    figures, operating, groups_operating = indicators(coops, groups, config)
    first, last = config["first"], config["last"]
    with pd.ExcelWriter(path, engine="xlsxwriter", datetime_format="dd/mm/yyyy") as writer:
        figures[["Chỉ tiêu", "Đơn vị tính", "Thực hiện"]].to_excel(writer, sheet_name="Tổng hợp")
        for code, _, sheet, _ in config["sectors"]:
            units = operating[operating.sector_code == code]
            if units.empty:
                continue
            table = pd.DataFrame({
                "STT": range(1, len(units) + 1), "Mã HTX": units.id, "Tên hợp tác xã": units.name,
                "Huyện/xã": units.district, "Ngày thành lập": units.founded,
                "Số thành viên": units.members, "Số lao động": units.workers,
                "Doanh thu (triệu đồng)": units.revenue, "Lợi nhuận (triệu đồng)": units.profit,
                "Thu nhập bình quân": units.income, "Ghi chú": flags(units, first, last)})
            totals = table[["Số thành viên", "Số lao động", "Doanh thu (triệu đồng)",
                            "Lợi nhuận (triệu đồng)"]].sum()
            table = pd.concat([table, pd.DataFrame([{"Tên hợp tác xã": "Tổng cộng", **totals}])])
            table.to_excel(writer, sheet_name=sheet, index=False)
        pd.DataFrame({
            "STT": range(1, len(groups_operating) + 1), "Mã THT": groups_operating.id,
            "Tên tổ hợp tác": groups_operating.name, "Huyện/xã": groups_operating.district,
            "Lĩnh vực": groups_operating.sector, "Ngày thành lập": groups_operating.founded,
            "Số thành viên": groups_operating.members, "Doanh thu (triệu đồng)": groups_operating.revenue,
            "Lợi nhuận (triệu đồng)": groups_operating.profit,
        }).to_excel(writer, sheet_name="Tổ hợp tác", index=False)
        changed = []
        for frame in (coops, groups):
            gone = frame[(frame.founded > last) | frame.dissolved.notna() & (frame.dissolved <= last) |
                         (frame.founded >= first) & (frame.founded <= last)]
            changed.append(gone[["id", "name", "sector", "district", "founded", "dissolved"]])
        changes = pd.concat(changed)
        changes.insert(0, "STT", range(1, len(changes) + 1))
        changes.to_excel(writer, sheet_name="Biến động", index=False)
        figures.to_excel(writer, sheet_name="Chỉ số", index=False)
    return figures.set_index("Mã chỉ số")["Thực hiện"]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: peer_pandas.py CONFIG.ini OUTPUT_FOLDER")
    config = read_config(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    coops = load(config["coops"], config["sectors"])
    groups = load(config["groups"], config["sectors"])
    groups_by_province = dict(tuple(groups.groupby("province")))
    rows = []
    for province, frame in coops.groupby("province"):
        own_groups = groups_by_province.get(province, groups.iloc[0:0])
        figures = write_province(os.path.join(out, "%s.xlsx" % province), frame, own_groups, config)
        rows.append({"Mã tỉnh": province, **figures.to_dict()})
    national = pd.DataFrame(rows)
    national.to_excel(os.path.join(out, "toan-quoc.xlsx"), sheet_name="Toàn quốc", index=False,
                      engine="xlsxwriter")


if __name__ == "__main__":
    main()
