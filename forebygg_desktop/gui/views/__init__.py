"""Composite screens inside an area (lists with filters, the series page)."""
