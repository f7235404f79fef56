"""Benchmarks and quality measurements of the pipeline, run by hand or in CI, never imported by it."""
