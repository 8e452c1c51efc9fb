"""The parent kiosk: a locked full-screen window where parents answer one at a time."""
