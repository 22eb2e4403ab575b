"""Writes ledger_v6.cldg, the schema-version-6 fixture: a desk holding Chinese and Japanese
claims and a Chinese article, made before text without spaces between its words was searched
by its characters (the full-text indexes hold each run of Chinese characters as one word, and
the near-duplicate buckets were made from those runs).

The fixture was made once, with the core at schema version 6 (commit fc93d91, the last before
words of Chinese and Japanese text), by

    .venv/bin/python tests/data/make_v6_ledger.py

and is committed as it came out: tests/python/test_schema_upgrade_v6.py opens copies of it.
The texts are ours.
"""

import sqlite3
import sys
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v6.cldg"

# "Seoul, 21 October 2024. The general said that the United States stations about 28,500
# soldiers in South Korea. Defence spending grew 4.2% last year."
ARTICLE = "首尔，2024年10月21日。将军表示，美国在韩国驻扎约28500名士兵。去年国防开支增长了4.2%。"


def main() -> None:
    if LEDGER.exists():
        sys.exit(f"{LEDGER.name} exists; the fixture is made once")
    wb = cl.open(LEDGER, actor="alice")
    general = wb.add_source("全仁范", kind="person")
    article = wb.add_snapshot(
        ARTICLE, url="https://wire.example/zh/troops", title="驻韩美军", published="2024-10-21"
    )
    troops = wb.add_claim(
        "美国在韩国驻扎约28500名士兵。",
        claimant=general.id,
        appears_in=article.hash,
        quote="美国在韩国驻扎约28500名士兵",
        context="停战纪念日的采访",  # "an interview on the armistice anniversary"
    )
    wb.add_claims(
        [
            {"text": "去年国防开支增长了4.2%。", "context": "首尔预算听证会"},
            {"text": "东京的物价去年上涨了3%。"},  # "prices in Tokyo rose 3% last year"
            {"text": "東京の物価は昨年3%上昇した。"},  # the same, in Japanese
            {"text": "Unemployment fell to 3.9% in June 2024."},
        ]
    )
    wb.set_verdict(troops.id, "mostly-true", rationale="驻韩美军司令部给出的数字约为28500。")
    wb.close()
    db = sqlite3.connect(LEDGER)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
    db.close()
    if version != 6:
        LEDGER.unlink()
        sys.exit(f"this core writes schema version {version}, not 6: run it with the v6 core")
    print(f"{LEDGER.name}: schema version {version}")


if __name__ == "__main__":
    main()
