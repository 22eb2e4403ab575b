"""Regenerates docs/claim-card.png, the claim card shown in the README: the demo desk's
revised claim as Jupyter shows it, rendered by headless Chromium, cropped to the card and
reduced to 64 colours (Pillow, which matplotlib installs) to stay small.

    python docs/make_screenshots.py     # needs claimledger[notebook] and chromium
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import claimledger as cl
from claimledger.demo import build_demo
from PIL import Image, ImageOps

DOCS = Path(__file__).resolve().parent
WIDTH, HEIGHT = 800, 1400


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("needs chromium: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as folder:
        with cl.open(build_demo(folder, say=None), create=False) as wb:
            (claim,) = [c for c in wb.claims() if len(wb.verdicts(c)) > 1]
            card = wb.claim_card(claim)._repr_html_()
        page = Path(folder) / "card.html"
        page.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
            f'<body style="margin:8px;background:#ffffff">{card}</body></html>',
            encoding="utf-8",
        )
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={Path(folder) / 'profile'}",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--screenshot={Path(folder) / 'card.png'}",
                page.as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shot = Image.open(Path(folder) / "card.png").convert("RGB")
        box = ImageOps.invert(shot).getbbox()  # where the page is not white
        card_only = shot.crop((0, 0, WIDTH, min(HEIGHT, box[3] + 8)))
        card_only.quantize(colors=64).save(DOCS / "claim-card.png", optimize=True)
    size = (DOCS / "claim-card.png").stat().st_size
    print(f"wrote {DOCS / 'claim-card.png'} ({size:,} bytes)")


if __name__ == "__main__":
    main()
