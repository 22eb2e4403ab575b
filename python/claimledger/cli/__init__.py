"""The claimledger command line: the workbench's verbs on a ledger file.

Every command exits 0 on success and non-zero with a one-line reason on stderr
(``verify`` exits 1 when it finds a problem, ``reanchor`` when a claim needs review).
Commands that print data take ``--json``.

The modules: ``main`` (the parser and :func:`main`, the ``claimledger`` console script),
``common`` (how a sub-command is declared, and what they share), and the sub-commands
beside their arguments: ``start`` (demo, init), ``record`` (add-…, link-evidence,
set-…, rate-source), ``query`` (claims, search, similar, candidates, reanchor, sources,
history), ``ledger`` (verify, rebuild, merge, checkpoint), ``exchange`` (import, export)
and ``report``. This package is the top of claimledger: nothing imports it.
"""

from __future__ import annotations

from .main import build_parser, main

__all__ = ["build_parser", "main"]
