"""Every error packetcheck raises on purpose, each carrying its CLI exit code and HTTP status.

The CLI maps these in one handler and the service in one exception handler, so a bad input is one
clear line for a person and a 4xx for a client, never a traceback.
"""

from __future__ import annotations


class PacketcheckError(Exception):
    exit_code = 1
    http_status = 500


class InputError(PacketcheckError):
    """The input cannot be used as a submission file."""

    exit_code = 2
    http_status = 422


class MissingFileError(InputError):
    pass


class UnsupportedFileError(InputError):
    pass


class CorruptFileError(InputError):
    pass


class EncryptedPdfError(InputError):
    pass


class InputTooLargeError(InputError):
    http_status = 413


class OcrError(PacketcheckError):
    """An OCR engine crashed or timed out on one page; the pipeline records it and goes on."""
