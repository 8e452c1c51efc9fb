"""Registration dialogs: series, meeting, open meeting, advice talk, digital use, status."""
