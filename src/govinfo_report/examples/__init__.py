"""Real reports from the corpus as report documents, shown as ``examples`` in the JSON Schema.

Each ``<stem>.json`` is the hand-verified expected values of a published report (the corpus of
``shared/corpus``) in the document form :func:`govinfo_report.to_json` writes; narratives are
``null`` because the corpus records the tables only. ``tests/_corpus.py`` regenerates them.
"""
