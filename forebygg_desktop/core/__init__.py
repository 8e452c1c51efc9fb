"""The Qt-free core: storage, catalogue, statistics, exchange and reports."""
