"""packetcheck's document pipeline: ingest → normalise → OCR → classify → group → extract → check."""
