"""Heat resource types for clusterd: a directory for Heat's ``plugin_dirs``.

Heat (2024.1 and later keeps ``OS::Senlin::*`` only as hidden placeholders) loads
every module of a ``plugin_dirs`` directory into its own ``heat.engine.plugins``
package and registers what each module's ``resource_mapping()`` and
``constraint_mapping()`` return, over its placeholders.  So this directory must
work on its own, in Heat's environment: its modules import Heat, openstacksdk and
each other (relatively), never the rest of clusterd, and their names start with
``clusterd_`` because every plugin directory shares one module namespace.  Heat
does not run this ``__init__``; it exists so that the directory ships with an
installed clusterd.
"""
