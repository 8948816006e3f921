"""Write nexis-uni-export.docx, the example Nexis Uni export of this folder (synthetic articles).

    PYTHONPATH=tests .venv/bin/python corpus/examples/make_own_export.py
"""

from pathlib import Path

from export_fixtures import nexis_uni_lines, write_docx  # tests/export_fixtures.py: the vendor's layout

if __name__ == "__main__":
    write_docx(Path(__file__).parent / "own" / "nexis-uni-export.docx", nexis_uni_lines())
