"""One package per navigation area (listed in gui/pages.py); each exposes `create_page(ctx)`."""
