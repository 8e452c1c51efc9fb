"""Statistics: the quarter rule, aggregation by period, indicators and small-cell suppression.

`collect` reads rows by the quarter rule, `aggregate` turns them into figures, `suppression`
protects small cells, `service.StatsService` is what the Store exposes as `store.stats`.
"""

from forebygg_desktop.core.stats.figures import (
    BreakdownRow,
    Comparison,
    DigitalFigures,
    EvaluationFigures,
    GenderCounts,
    GroupFigures,
    Indicators,
    OpenFigures,
    TalkFigures,
    TrendPoint,
)

__all__ = ["BreakdownRow", "Comparison", "DigitalFigures", "EvaluationFigures", "GenderCounts",
           "GroupFigures", "Indicators", "OpenFigures", "TalkFigures", "TrendPoint"]
