"""Image evidence for the image rules: local noise and paper-level inconsistency, red seals."""
