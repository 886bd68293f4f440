"""HTTP routes: thin shells over the service modules."""
