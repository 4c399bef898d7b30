"""SQLite's LOWER() made to agree with Python's str.lower() and with PostgreSQL's.

Addresses match whatever their case (the accounts' unique rule, one person per registration): code
lower-cases one side in Python and the database the other with Lower(). PostgreSQL (UTF-8, C.UTF-8)
lower-cases every letter; SQLite's own LOWER() only ASCII, so "ÉCOLE" and "école" were two people on
the embedded default. SQLite lets an application function replace a built-in one, per connection.
"""


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def unicode_lower_on_sqlite(sender, connection, **kwargs) -> None:
    """connection_created receiver: on SQLite, LOWER(x) is str.lower (deterministic, so indexes may use it)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("LOWER", 1, _lower, deterministic=True)
