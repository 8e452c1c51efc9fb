"""Disclosure control for everything a report shows together (one release, one protection).

`release` holds the cells of a release and the sums that link them, `audit` computes with
linear programming what a reader can work out about every hidden cell, `protect` chooses
the hidden cells (primary and secondary) and never returns a release the audit rejects,
`report_release` turns a report's figures into a release. The rules are written out in
docs/disclosure-control.md.
"""
