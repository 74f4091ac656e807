"""Matching requests with offers: eligibility (hard filters), scoring, ranking and planning."""
