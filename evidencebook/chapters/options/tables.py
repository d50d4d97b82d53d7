"""Tables the options chapter reads from a pack: none. The pilot's evidence is fixed in the
package (``chapters/<strand>/evidence.py``), and the authority's scale comes from published
data or the council's inputs sheet (``analysis.local_inputs``)."""

from evidencebook.analysis.schemas import TableSpec

TABLES: list[TableSpec] = []
