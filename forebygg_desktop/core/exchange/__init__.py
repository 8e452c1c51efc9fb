"""Sync by export file: data packages to the central department, configuration back.

`format` names the layout, `container` reads and writes the ZIP safely, `writer` and
`reader` build and check data packages, `merge` holds the merge rule, `config` the
configuration packages, and `service.ExchangeService` is what `store.exchange` offers.
"""

# The Store builds `store.exchange`, and this package uses the store's unit of work: load the
# store first, whichever module is imported first, so the import cycle always resolves.
import forebygg_desktop.core.store  # noqa: F401  # isort: skip
from forebygg_desktop.core.exchange.service import (
    DeviceStatus,
    ExchangeService,
    ExportResult,
    FileReport,
)

__all__ = ["DeviceStatus", "ExchangeService", "ExportResult", "FileReport"]
