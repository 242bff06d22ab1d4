"""Package list for setuptools (the rest of the metadata is in pyproject.toml).

The migrations live in the top-level alembic/ directory (DESIGN.md section 6) and
ship inside the package as ``clusterd.db.alembic``, so an installed clusterd, not
only a source checkout, can upgrade its own database.  That mapping needs code.
"""

import setuptools

setuptools.setup(
    packages=setuptools.find_packages(include=['clusterd', 'clusterd.*']) + [
        'clusterd.db.alembic', 'clusterd.db.alembic.versions'],
    package_dir={'clusterd.db.alembic': 'alembic'},
    package_data={'clusterd.db.alembic': ['*.py', '*.mako', 'versions/*.py']},
)
