"""``make bench``: measured ratios, side by side in one process.

Every figure is a ratio of two variants measured in alternating blocks (A, B, A, B …)
and summarised by medians, so load on the machine affects both sides alike. Results go
to ``build/bench/results.json`` and ``build/bench/results.md``; the table is printed.
"""
