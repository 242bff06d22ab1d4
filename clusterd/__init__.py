"""clusterd: clustering and auto-healing for OpenStack, the successor of Senlin."""

import warnings

from oslo_service import backend as _service_backend

# NOTE: clusterd runs on native threads only.  oslo.service picks its backend the
# first time oslo_service.service is imported and defaults to eventlet; this hook,
# installed before any clusterd module can import it, makes that choice threading.
_service_backend.register_backend_default_hook(
    lambda: _service_backend.BackendType.THREADING)

# futurist imports eventlet when it is installed (oslo.service still depends on it),
# only to detect green threads; eventlet then warns about its own deprecation on
# every command.  clusterd never uses eventlet, so that warning says nothing here.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')

# dnspython (pulled in by eventlet, see above) touches cryptography's DSA classes
# at import, and cryptography >= 44 warns about DSA on each touch: eight lines of
# noise in front of every command's one-line error.  clusterd signs nothing with DSA.
warnings.filterwarnings('ignore', message=r'DSA is deprecated')
