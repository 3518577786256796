"""Turning news files into clean, chunked, embedded articles: loaders, cleaning, metadata, chunking, pipeline."""
