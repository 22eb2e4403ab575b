"""Writes pg_desk_v2.sql, the desk-version-2 fixture: a desk on a PostgreSQL server holding
Chinese and Japanese claims and a Chinese article, made before text without spaces between its
words was searched by its characters (its search rows hold each run of Chinese characters as
one term, and the near-duplicate buckets were made from those runs). The texts are ours.

The fixture was made once, with the core at desk version 2 (commit fc93d91, the last before
words of Chinese and Japanese text), by

    .venv/bin/python tests/data/make_pg_desk_v2.py

which starts a throwaway server (tests/pg_server.py), makes the desk "v2fixture" there and
writes its schema as pg_dump prints it (Server.schema_script: rows as INSERT statements),
committed as it came out. tests/python/test_pg_desk_upgrade_v2.py loads it into the suite's server
and opens it with this core.
"""

import sys
import tempfile
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pg_server  # noqa: E402  (tests/pg_server.py)

DUMP = HERE / "pg_desk_v2.sql"
SCHEMA = "claimledger_v2fixture"

# "Seoul, 21 October 2024. The general said that the United States stations about 28,500
# soldiers in South Korea. Defence spending grew 4.2% last year."
ARTICLE = "首尔，2024年10月21日。将军表示，美国在韩国驻扎约28500名士兵。去年国防开支增长了4.2%。"
CLAIMS = [
    # "The US stations about 28,500 soldiers in South Korea", "an armistice-day interview".
    {"text": "美国在韩国驻扎约28500名士兵。", "context": "停战纪念日的采访"},
    {"text": "去年国防开支增长了4.2%。", "context": "首尔预算听证会"},
    {"text": "东京的物价去年上涨了3%。"},  # "prices in Tokyo rose 3% last year"
    {"text": "東京の物価は昨年3%上昇した。"},  # the same, in Japanese
    {"text": "Unemployment fell to 3.9% in June 2024."},
]


def main() -> None:
    if DUMP.exists():
        sys.exit(f"{DUMP.name} exists; the fixture is made once")
    server = pg_server.Server(Path(tempfile.mkdtemp(prefix="claimledger-fixture-")))
    server.start()
    try:
        with cl.open(server.url(desk="v2fixture"), actor="alice") as wb:
            general = wb.add_source("全仁范", kind="person")
            wb.add_snapshot(ARTICLE, url="https://wire.example/zh/troops", title="驻韩美军")
            ids = list(wb.add_claims([{**claim, "claimant": general.id} for claim in CLAIMS]))
            wb.set_verdict(ids[0], "mostly-true", rationale="驻韩美军司令部给出的数字约为28500。")
        version = server.psql(f'SELECT version FROM "{SCHEMA}".desk').strip()
        if version != "2":
            sys.exit(f"this core writes desk version {version}, not 2: run it with the v2 core")
        script = server.schema_script(SCHEMA)
    finally:
        server.stop()
    DUMP.write_text(script)
    print(f"{DUMP.name}: desk version {version}, {script.count(chr(10))} lines")


if __name__ == "__main__":
    main()
