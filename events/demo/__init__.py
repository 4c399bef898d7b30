"""Demo data: the real stories of the seeds (USTDA's Moroccan digital economy mission, Dakhla, Virginia).

The data modules hold plain Python structures; `loader.load_demo` writes them to the database.
"""
