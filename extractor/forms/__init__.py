"""Reading the editable application form (.docx / .xlsx) into the SPEC's application fields."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx.opc.exceptions import OpcError
from openpyxl.utils.exceptions import InvalidFileException

from extractor.errors import CorruptFileError, MissingFileError, PacketcheckError
from extractor.forms.container import MAX_UNZIPPED_BYTES, OfficeKind, vet_office_file
from extractor.forms.docx_reader import docx_rows
from extractor.forms.grid import GridCell, GridRow, fields_from_grid
from extractor.forms.xlsx_reader import xlsx_rows
from schemas.application import ApplicationFields


def read_editable_form(path: Path, *, display_name: str | None = None,
                       max_unzipped_bytes: int = MAX_UNZIPPED_BYTES) -> ApplicationFields:
    """The fields the applicant typed into the editable form at `path`.

    Raises CorruptFileError / UnsupportedFileError / InputTooLargeError (one-line messages) for
    files that are broken, of another kind, or expand too far.
    """
    name = display_name or path.name
    if not path.is_file():
        raise MissingFileError(f"{name}: no such file")
    kind = vet_office_file(path, max_unzipped_bytes, name)
    try:
        rows = docx_rows(path) if kind is OfficeKind.DOCX else xlsx_rows(path)
    except PacketcheckError:
        raise
    except (zipfile.BadZipFile, OpcError, InvalidFileException, SyntaxError, KeyError, ValueError,
            TypeError, AttributeError, IndexError, OSError, EOFError) as exc:
        # python-docx / openpyxl / lxml fail in many ways on a damaged part; all mean "corrupt".
        # (lxml's XMLSyntaxError is a SyntaxError.)
        raise CorruptFileError(f"{name}: the {kind.value} form cannot be read ({_first_line(exc)})") from exc
    return fields_from_grid(rows, name)


def _first_line(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0][:120]}" if message else type(exc).__name__


__all__ = ["GridCell", "GridRow", "OfficeKind", "fields_from_grid", "read_editable_form", "vet_office_file"]
