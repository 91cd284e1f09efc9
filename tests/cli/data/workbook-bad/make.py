#!/usr/bin/python3
"""Makes book.xlsx: the county example's first three units, typed as Excel users type, with
one of each mistake the workbook reader must name by its cell (tests/CMakeLists.txt
workbook_bad). Run: /usr/bin/python3 make.py (Debian's python3-openpyxl)."""
import csv

import openpyxl

book = openpyxl.Workbook()
units = book.active
units.title = "单位"
for row in list(csv.reader(open("../../../../examples/county-2024/units.csv", encoding="utf-8-sig")))[:4]:
    units.append(row)

data = book.create_sheet("指标")
rows = list(csv.reader(open("../../../../examples/county-2024/indicators.csv", encoding="utf-8-sig")))
data.append(rows[0])
for r in rows[1:4]:
    data.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in r])
data["B2"] = "12起"          # accidents_cur: 起 is the unit its name states: read as 12
data["C2"] = "16个"          # accidents_prev: 个 is not
data["O3"] = "1,32"          # fiscal_investment_cur: a decimal comma?
data["P3"] = "=O3*0.9"       # a formula openpyxl saves without its result
data["Q4"] = "２．１"        # full-width: read as 2.1
book.save("book.xlsx")
