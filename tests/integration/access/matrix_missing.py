from tests.integration.missing.access_matrix import MATRIX, build, url_kwargs  # noqa: F401
