"""Re-runnable evidence book for the Hampshire and Isle of Wight social care innovations.

The package holds everything the book's chapters compute: the data pack loader and its
validation, the cost models, chart helpers, notebook execution and the command line.
Notebooks only call into it.
"""

__version__ = "0.1.0"
