"""Build summarizer/data/given_names.tsv from the name data of ``nomquamgender``.

Usage: pip install nomquamgender==0.1.4 && python bench/build_given_names.py

nomquamgender (Van Buskirk, Clauset and Larremore 2022, MIT licence) holds 721,000 given
names, each with how many national sources record it, how often, and the share recorded
as female.  The product needs two facts per name and no pandas: is it a common given name
(recorded by at least 10 sources at least 500 times), and does it name a "he" or a "she"
(recorded at least 50 times, at least 90% one way: the package's own default threshold).
One line per name that has either fact: ``name<TAB>gender<TAB>common``, gender "m", "f"
or "-", common "1" or "0".
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "summarizer" / "data" / "given_names.tsv"
MIN_COUNT = 50
CERTAIN = 0.1
COMMON_SOURCES = 10
COMMON_COUNT = 500


def main() -> int:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        print("needs the nomquamgender package: pip install nomquamgender==0.1.4")
        return 1
    source = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    data: dict[str, list[float]] = json.loads(source.read_text(encoding="utf-8"))
    lines = []
    for name, (sources, count, female, *_) in sorted(data.items()):
        if count < MIN_COUNT or not name.isalpha():
            continue
        gender = "f" if female >= 1 - CERTAIN else "m" if female <= CERTAIN else "-"
        common = sources >= COMMON_SOURCES and count >= COMMON_COUNT
        if gender != "-" or common:
            lines.append(f"{name}\t{gender}\t{int(common)}")
    header = (
        "# Given names: gender (m / f / - for open) and whether common. Built by"
        " bench/build_given_names.py from nomquamgender 0.1.4 name data"
        " (c) 2022 Ian Van Buskirk, MIT licence."
    )
    OUT.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} names to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
