"""Reading a data pack's files safely: a regular file only (a symbolic link is refused and
never followed), at most a given size, and text in the encodings councils' files come in.

Used by the pack loader (``analysis.pack``), the YAML reader (``analysis.yamlfile``) and
the EES importer; ``pack`` re-exports these for its callers.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from evidencebook.exceptions import DataError, Problem, ProblemsError


def read_bytes(path: Path, error: type[ProblemsError] = DataError, max_bytes: int | None = None):
    """A pack file's bytes. The file must be a regular file: a symbolic link is refused and
    never followed (a pack from elsewhere could otherwise show any file of this machine,
    such as /etc/passwd, in its error messages or its book). With ``max_bytes``, a larger
    file is refused before it is read.

    A file that cannot be read raises ``error`` naming it; a missing file raises
    ``FileNotFoundError``, for the caller to say what was expected.
    """
    if path.is_symlink():
        raise error([Problem(path.name, None, None, None, NOT_A_LINK)])
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise
    except OSError as err:
        if err.errno == errno.ELOOP:  # made a link since the check above
            raise error([Problem(path.name, None, None, None, NOT_A_LINK)]) from None
        reason = f"a file that can be read ({err.strerror or err})"
        raise error([Problem(path.name, None, None, None, reason)]) from None
    size = os.fstat(fd)
    if not stat.S_ISREG(size.st_mode):
        os.close(fd)
        why = os.strerror(errno.EISDIR) if stat.S_ISDIR(size.st_mode) else "not a regular file"
        raise error([Problem(path.name, None, None, None, f"a file that can be read ({why})")])
    with os.fdopen(fd, "rb") as handle:
        if max_bytes is not None and size.st_size > max_bytes:
            reason = (
                f"a file of at most {max_bytes:,} bytes (it has {size.st_size:,}): is it the "
                "right file?"
            )
            raise error([Problem(path.name, None, None, None, reason)])
        try:
            return handle.read()
        except OSError as err:
            reason = f"a file that can be read ({err.strerror or err})"
            raise error([Problem(path.name, None, None, None, reason)]) from None


#: What a pack file that is a symbolic link should be instead.
NOT_A_LINK = "a regular file, not a symbolic link (copy the file itself into the pack)"


def read_text(
    path: Path, error: type[ProblemsError] = DataError, max_bytes: int | None = None
) -> str:
    """A file's text: UTF-8 (with or without a byte order mark), UTF-16 with a byte order
    mark (Excel's "Unicode" files), else Windows-1252.

    The file is read with ``read_bytes`` (a regular file, not a link; at most
    ``max_bytes``). A file that cannot be read, or that is in none of these encodings,
    raises ``error`` naming the file (and the line of the first byte that cannot be read).
    A missing file raises ``FileNotFoundError``, for the caller to say what was expected.
    """
    raw = read_bytes(path, error, max_bytes)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: try the others
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        reason = (
            f"text saved as UTF-8 or Windows-1252 (byte 0x{raw[err.start]:02X} is neither; "
            "in Excel, save as 'CSV UTF-8')"
        )
        raise error([Problem(path.name, line, None, None, reason)]) from None
