"""A real published report shipped with the package, for trying the reader on a fresh machine.

``2024_huaian_city.txt``: 淮安市人民政府 2024年政府信息公开工作年度报告, the text layer of the
PDF the city published (``pdftotext -layout``), unchanged: labels wrapped over two or three
lines, numbers on the middle line, page numbers inside the tables. Run
``govinfo-report show --example`` to read it.
"""
