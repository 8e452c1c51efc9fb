"""One module per navigation area; each exposes `page_spec() -> PageSpec`."""
