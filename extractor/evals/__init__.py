"""Evaluation: scoring records against gold, eval runs, their reports and review pages, and benchmarks.

The layer above the pipeline: it calls the pipeline, and nothing in the pipeline imports it.
"""
