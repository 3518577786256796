"""Siaga: cited answers about Indonesian election-security news.

Shared core used by every stage: typed settings, plain data types, number handling,
the embedding model, and the stores (SQLite articles, Chroma vectors, BM25 keywords).
"""

__version__ = "0.1.0"
