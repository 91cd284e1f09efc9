#!/usr/bin/python3
"""The message catalogs are complete and safe to format (README "Languages"):
- every message the sources mark (_, trf, N_) is in po/safeassess.pot, regenerated here from the
  sources, and every po/LANG.po translates every one of them, none fuzzy;
- each translation has the msgid's fmt arguments: the same number of {} (or the same indices
  when the translation reorders them as {0} {1}), with the same format specs.
  i18n_check.py SOURCE_DIR
"""
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
fields = re.compile(r"\{(\d*)(:[^{}]*)?\}")


def arguments(text):
    """The arguments of a fmt string as (index, spec) pairs, numbered when automatic."""
    text = text.replace("{{", "").replace("}}", "")
    out = []
    for i, m in enumerate(fields.finditer(text)):
        out.append((int(m.group(1)) if m.group(1) else i, m.group(2) or ""))
    return sorted(out)


def mixed(text):
    """True when a fmt string numbers some arguments and not others: fmt throws on it."""
    text = text.replace("{{", "").replace("}}", "")
    kinds = {bool(m.group(1)) for m in fields.finditer(text)}
    return len(kinds) > 1


def entries(path):
    """(msgid, msgstr, fuzzy) of a .po file, the header left out."""
    result, msgid, msgstr, fuzzy, state = [], None, None, False, None
    def unquote(line):
        return bytes(line[line.index('"') + 1:line.rindex('"')], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    for line in open(path, encoding="utf-8").read().splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, state = unquote(line), "id"
        elif line.startswith("msgstr "):
            msgstr, state = unquote(line), "str"
        elif line.startswith('"') and state:
            if state == "id":
                msgid += unquote(line)
            else:
                msgstr += unquote(line)
        elif not line.strip():
            if msgid:
                result.append((msgid, msgstr, fuzzy))
            msgid, msgstr, fuzzy, state = None, None, False, None
    return result


problems = []
with tempfile.TemporaryDirectory() as tmp:
    sources = subprocess.run(["git", "-C", root, "ls-files", "lib/*.cpp", "lib/*.hpp", "cli/*.cpp", "cli/*.hpp"],
                             capture_output=True, text=True, check=True).stdout.split()
    pot = tmp + "/now.pot"
    subprocess.run(["xgettext", "--language=C++", "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
                    "--keyword=trf:1", "-o", pot] + sorted(sources), cwd=root, check=True,
                   stderr=subprocess.DEVNULL)
    marked = {m for m, _, _ in entries(pot)}
for lang in ["zh_CN"]:
    po = f"{root}/po/{lang}.po"
    translated = {}
    for msgid, msgstr, fuzzy in entries(po):
        if fuzzy:
            problems.append(f"{po}: fuzzy: {msgid!r}")
        elif not msgstr:
            problems.append(f"{po}: untranslated: {msgid!r}")
        elif arguments(msgid) != arguments(msgstr):
            problems.append(f"{po}: arguments differ: {msgid!r} -> {msgstr!r}")
        elif mixed(msgstr):
            problems.append(f"{po}: mixes {{}} and {{0}} (fmt refuses it at run time): {msgstr!r}")
        translated[msgid] = msgstr
    for m in sorted(marked - translated.keys()):
        problems.append(f"{po}: missing (run scripts/update-po.sh): {m!r}")
for p in problems[:50]:
    print(p)
if problems:
    print(f"{len(problems)} problems in the message catalogs")
    sys.exit(1)
print(f"{len(marked)} messages, all translated")
