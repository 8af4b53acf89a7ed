"""Fill unfinished messages of a Qt .ts file from a table {(context, source): translation}.

Used when new texts are added: `pyside6-lupdate ... -ts kite_de.ts`, then
`python scripts/ts_fill.py kite_de.ts table.py` where table.py defines DE.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, table: dict[tuple[str, str], str]) -> list[str]:
    """Translate the unfinished messages found in `table`; the ones still missing."""
    tree = ET.parse(ts_path)
    missing = []
    for context in tree.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            text = table.get((name or "", source or ""))
            if text is None:
                missing.append(f"{name}: {source}")
                continue
            translation.text = text
            del translation.attrib["type"]
    with open(ts_path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    return missing


if __name__ == "__main__":
    left = fill(sys.argv[1], runpy.run_path(sys.argv[2])["DE"])
    print("\n".join(left) or "all filled")
    sys.exit(1 if left else 0)
