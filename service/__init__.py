"""packetcheck's web service: upload, durable job queue, workers, reviewer pages and the API."""
