from tests.integration.offenders.access_matrix import MATRIX, build, url_kwargs  # noqa: F401
