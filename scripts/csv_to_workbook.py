#!/usr/bin/python3
"""Builds a workbook from CSV tables, typed as an evaluator would type them in Excel:
numbers as numbers, "98.5%" as a number in a percent format, text as text. Used to make
examples/county-2024-xlsx/county-2024.xlsx from examples/county-2024 (README "Workbooks"):

    /usr/bin/python3 scripts/csv_to_workbook.py OUT.xlsx SHEET=FILE.csv [SHEET=FILE.csv ...]

Needs Debian's python3-openpyxl. The workbook is a fixture: safeassess itself reads it with
libzip and expat.
"""
import csv
import re
import sys

import openpyxl

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
PERCENT = re.compile(r"^-?\d+(\.\d+)?%$")


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in argv[2:]:
        sheet_name, path = spec.split("=", 1)
        sheet = book.create_sheet(sheet_name)
        with open(path, encoding="utf-8-sig", newline="") as f:
            for r, row in enumerate(csv.reader(f), start=1):
                for c, text in enumerate(row, start=1):
                    cell = sheet.cell(row=r, column=c)
                    if r > 1 and NUMBER.match(text):
                        cell.value = int(text) if "." not in text else float(text)
                    elif r > 1 and PERCENT.match(text):
                        digits = text[:-1].split(".")[1] if "." in text else ""
                        cell.value = float(text[:-1]) / 100
                        cell.number_format = "0" + ("." + "0" * len(digits) if digits else "") + "%"
                    else:
                        cell.value = text
        sheet.freeze_panes = "A2"
    book.save(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
