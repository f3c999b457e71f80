"""
The presentation layer: one table value (:class:`~._render.table.Table`) with typed cells, from
which the text table, the HTML table, the plain rows and every export (CSV, JSON, Excel, pandas,
charts) are produced, and one module of formatters (:mod:`._render.formats`).

Domain objects never format text themselves: they describe their figures as a
:class:`~._render.table.Report` (tables, explanation, rules with their sources, findings) and this
layer writes it. Optional packages (openpyxl, pandas, matplotlib) are imported only when an
export asks for them; a missing one raises :class:`~._render.extras.MissingExtraError`.
"""
