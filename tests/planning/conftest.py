from tests.personas import client_as, personas  # noqa: F401
