"""Grounded answers with verified citations: hybrid retrieval, extractive answerer, optional LLM."""
