"""Benchmarks: accuracy and speed of the pipeline on freshly generated submissions."""
