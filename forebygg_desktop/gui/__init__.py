"""The PySide6 interface; it reaches data only through `core.store.Store`."""
