"""Batch processing of archives: resumable, parallel (local processes or Dask), crash-safe."""

from service.batch.runner import BatchConfig, BatchResult, run_batch

__all__ = ["BatchConfig", "BatchResult", "run_batch"]
